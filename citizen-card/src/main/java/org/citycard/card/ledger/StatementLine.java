package org.citycard.card.ledger;

import java.time.Instant;

/** One line of an account's statement. */
public record StatementLine(long entryId, long journalId, Instant postedAt, String description, long amountFen,
                            long balanceAfterFen) {
}
