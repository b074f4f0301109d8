package org.citycard.card.ledger;

import java.util.List;

/**
 * A balanced movement of money: its legs sum to zero. The idempotency key makes a repeated posting (a retried
 * request, a duplicate notification) change nothing the second time.
 */
public record Posting(String idempotencyKey, String description, List<Leg> legs) {

    public Posting {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw new IllegalArgumentException("idempotency key required, at most 100 characters");
        }
        if (description == null || description.isBlank() || description.length() > 200) {
            throw new IllegalArgumentException("description required, at most 200 characters");
        }
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a posting has at least two legs");
        }
        if (legs.stream().mapToLong(Leg::amountFen).sum() != 0) {
            throw new IllegalArgumentException("the legs of a posting must sum to zero");
        }
        if (legs.stream().map(Leg::accountId).distinct().count() != legs.size()) {
            throw new IllegalArgumentException("an account appears once per posting");
        }
    }

    /** Money from one account to another. */
    public static Posting transfer(String key, String description, String from, String to, long fen) {
        if (fen <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount");
        }
        return new Posting(key, description, List.of(new Leg(from, -fen), new Leg(to, fen)));
    }
}
