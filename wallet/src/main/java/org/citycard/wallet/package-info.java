/**
 * The card's wallet as a city service: topping it up through a payment channel (the first purpose plugged into
 * payments, its rules owned here once) and paying from it (the wallet channel). The wallet's ledger account and its
 * statement belong to the citizen card; this module moves money into and out of it. Types at this root are the
 * module's API; {@code internal} is not.
 */
package org.citycard.wallet;
