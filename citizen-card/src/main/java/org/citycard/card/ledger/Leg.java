package org.citycard.card.ledger;

/** One side of a posting: an amount in fen, positive into the account, negative out of it. */
public record Leg(String accountId, long amountFen) {

    public Leg {
        if (accountId == null || accountId.isBlank() || accountId.length() > 64) {
            throw new IllegalArgumentException("account id required, at most 64 characters");
        }
        if (amountFen == 0) {
            throw new IllegalArgumentException("a leg moves money");
        }
    }
}
