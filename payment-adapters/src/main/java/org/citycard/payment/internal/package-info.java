/** The payment module's implementation: the JDBC store of orders, refunds and their timeline. */
package org.citycard.payment.internal;
