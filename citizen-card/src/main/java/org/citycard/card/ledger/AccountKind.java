package org.citycard.card.ledger;

/**
 * What an account is: a citizen's wallet, a payment channel's clearing account, a merchant, adjustments, or money
 * held for something under way (a refund on its way back through a channel), which never goes below zero.
 */
public enum AccountKind {
    WALLET, CLEARING, MERCHANT, ADJUSTMENT, HOLD;

    /** Only wallets and merchants hold real money of someone's; the others may run negative by design. */
    public boolean mayGoNegative() {
        return this == CLEARING || this == ADJUSTMENT;
    }
}
