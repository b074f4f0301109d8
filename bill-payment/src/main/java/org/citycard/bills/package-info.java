/**
 * Paying the city's bills with the card: billers (water, electricity, gas, phone and broadband), accounts citizens
 * bind, bills queried from the biller, payments for the purpose {@code BILL_PAYMENT} written off exactly once.
 */
package org.citycard.bills;
