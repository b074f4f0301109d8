/** The citizen card's wallet as a payment channel: paid at once through the ledger, refunds go back to it. */
package org.citycard.payment.wallet;
