package org.citycard.card.ledger;

import java.util.List;
import java.util.OptionalLong;

/** The ledger's use cases. Correct under concurrency: no lost update, no double posting with the same key. */
public interface Ledger {

    /** Opens an account; opening an existing one changes nothing. {@code dailyLimitFen} applies to wallets. */
    void open(String accountId, AccountKind kind, Long dailyLimitFen);

    PostingResult post(Posting posting);

    OptionalLong balance(String accountId);

    /** Newest first; {@code beforeEntryId} pages backwards (null for the first page). */
    List<StatementLine> statement(String accountId, Long beforeEntryId, int size);
}
