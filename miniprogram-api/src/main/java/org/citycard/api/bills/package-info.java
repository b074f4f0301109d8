/** The mini-programs' bill payment: billers, bound accounts, what they owe, payments and their receipts. */
package org.citycard.api.bills;
