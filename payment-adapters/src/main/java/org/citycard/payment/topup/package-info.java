/** Wallet top-ups: a paid top-up order credits the citizen's wallet, once; a refunded one takes it back. */
package org.citycard.payment.topup;
