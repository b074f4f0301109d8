package org.citycard.card.ledger;

/** What became of a posting: posted now, posted before (same idempotency key), or refused with a reason. */
public sealed interface PostingResult {

    record Posted(long journalId) implements PostingResult {
    }

    record AlreadyPosted(long journalId) implements PostingResult {
    }

    record Refused(Reason reason, String accountId) implements PostingResult {
    }

    enum Reason { UNKNOWN_ACCOUNT, INSUFFICIENT_FUNDS, DAILY_LIMIT_EXCEEDED, KEY_REUSED_FOR_OTHER_POSTING }
}
