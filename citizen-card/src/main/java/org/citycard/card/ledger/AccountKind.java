package org.citycard.card.ledger;

/** What an account is: a citizen's wallet, a payment channel's clearing account, a merchant, or adjustments. */
public enum AccountKind {
    WALLET, CLEARING, MERCHANT, ADJUSTMENT;

    /** Only wallets and merchants hold real money of someone's; the others may run negative by design. */
    public boolean mayGoNegative() {
        return this == CLEARING || this == ADJUSTMENT;
    }
}
