/** Where the payment channels send their notifications. */
package org.citycard.api.notify;
