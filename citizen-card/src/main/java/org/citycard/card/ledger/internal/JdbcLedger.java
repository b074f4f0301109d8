package org.citycard.card.ledger.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Leg;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.citycard.card.ledger.PostingResult.Reason;
import org.citycard.card.ledger.StatementLine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger on JDBC. A posting is one transaction: the journal row first (its unique idempotency key makes a
 * concurrent duplicate wait and then fail), then each account's balance with a guarded update in account order
 * (no deadlocks; the row lock serialises concurrent debits of one wallet, so no update is lost), then the
 * entries. Any refusal rolls the whole posting back.
 */
@Service
class JdbcLedger implements Ledger {

    /** Daily limits follow the city's calendar day. */
    static final ZoneId CITY_TIME = org.citycard.kernel.ChinaTime.ZONE;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    JdbcLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void open(String accountId, AccountKind kind, Long dailyLimitFen) {
        transactions.executeWithoutResult(status -> {
            boolean exists = jdbc.sql("select count(*) from card_ledger_account where id = :id")
                    .param("id", accountId).query(Integer.class).single() > 0;
            if (!exists) {
                // two first payments at once both open the account: the second insert does nothing, and fails nothing
                jdbc.sql("""
                                insert into card_ledger_account (id, kind, balance, allow_negative, daily_limit, created_at)
                                values (:id, :kind, 0, :negative, :limit, :now) on conflict do nothing""")
                        .param("id", accountId).param("kind", kind.name()).param("negative", kind.mayGoNegative())
                        .param("limit", dailyLimitFen).param("now", Timestamp.from(clock.instant()))
                        .update();
            }
        });
    }

    @Override
    public PostingResult post(Posting posting) {
        try {
            return transactions.execute(status -> postOnce(posting, status));
        } catch (DuplicateKeyException e) {
            // a concurrent posting with the same key committed first
            return transactions.execute(status -> earlier(posting).orElseThrow(() -> e));
        }
    }

    private PostingResult postOnce(Posting posting, TransactionStatus status) {
        Optional<PostingResult> earlier = earlier(posting);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into card_ledger_journal (idempotency_key, description, posted_at) values (:key, :description, :now)")
                .param("key", posting.idempotencyKey()).param("description", posting.description())
                .param("now", Timestamp.from(now))
                .update(key, "id");
        long journalId = key.getKeyAs(Number.class).longValue();
        // the daily limit is on spending: money paid to a merchant, not a refund or an adjustment taken back
        boolean spending = jdbc.sql("select count(*) from card_ledger_account where id in (:ids) and kind = 'MERCHANT'")
                .param("ids", posting.legs().stream().map(Leg::accountId).toList()).query(Integer.class).single() > 0;
        for (Leg leg : posting.legs().stream().sorted(Comparator.comparing(Leg::accountId)).toList()) {
            Optional<PostingResult.Reason> refusal = apply(leg, now, spending);
            if (refusal.isPresent()) {
                status.setRollbackOnly();
                return new PostingResult.Refused(refusal.get(), leg.accountId());
            }
            long balance = jdbc.sql("select balance from card_ledger_account where id = :id")
                    .param("id", leg.accountId()).query(Long.class).single();
            jdbc.sql("""
                            insert into card_ledger_entry (journal_id, account_id, amount, balance_after, posted_at)
                            values (:journal, :account, :amount, :balance, :now)""")
                    .param("journal", journalId).param("account", leg.accountId()).param("amount", leg.amountFen())
                    .param("balance", balance).param("now", Timestamp.from(now))
                    .update();
        }
        return new PostingResult.Posted(journalId);
    }

    /** Moves the leg's money, or says why not. The update takes the account's row lock. */
    private Optional<Reason> apply(Leg leg, Instant now, boolean spending) {
        int updated = jdbc.sql("""
                        update card_ledger_account set balance = balance + :amount
                        where id = :id and (allow_negative or balance + :amount >= 0)""")
                .param("id", leg.accountId()).param("amount", leg.amountFen())
                .update();
        if (updated == 0) {
            boolean exists = jdbc.sql("select count(*) from card_ledger_account where id = :id")
                    .param("id", leg.accountId()).query(Integer.class).single() > 0;
            return Optional.of(exists ? Reason.INSUFFICIENT_FUNDS : Reason.UNKNOWN_ACCOUNT);
        }
        if (leg.amountFen() < 0 && spending) {
            OptionalLong dailyLimit = jdbc.sql("select daily_limit from card_ledger_account where id = :id")
                    .param("id", leg.accountId())
                    .query((rs, n) -> rs.getObject(1) == null ? OptionalLong.empty() : OptionalLong.of(rs.getLong(1)))
                    .single();
            if (dailyLimit.isPresent()) {
                long limit = dailyLimit.getAsLong();
                Instant startOfDay = LocalDate.ofInstant(now, CITY_TIME).atStartOfDay(CITY_TIME).toInstant();
                long spent = jdbc.sql("""
                                select coalesce(-sum(e.amount), 0) from card_ledger_entry e
                                where e.account_id = :id and e.amount < 0 and e.posted_at >= :start
                                  and exists (select 1 from card_ledger_entry m
                                              join card_ledger_account a on a.id = m.account_id
                                              where m.journal_id = e.journal_id and a.kind = 'MERCHANT')""")
                        .param("id", leg.accountId()).param("start", Timestamp.from(startOfDay))
                        .query(Long.class).single();
                if (spent - leg.amountFen() > limit) {
                    return Optional.of(Reason.DAILY_LIMIT_EXCEEDED);
                }
            }
        }
        return Optional.empty();
    }

    /** The result of an earlier posting with this key: the same posting, or a key reused for something else. */
    private Optional<PostingResult> earlier(Posting posting) {
        Optional<Long> journal = jdbc.sql("select id from card_ledger_journal where idempotency_key = :key")
                .param("key", posting.idempotencyKey()).query(Long.class).optional();
        return journal.map(id -> {
            Set<Leg> recorded = new HashSet<>(jdbc.sql("select account_id, amount from card_ledger_entry where journal_id = :id")
                    .param("id", id).query((rs, n) -> new Leg(rs.getString(1), rs.getLong(2))).list());
            return recorded.equals(new HashSet<>(posting.legs()))
                    ? new PostingResult.AlreadyPosted(id)
                    : new PostingResult.Refused(Reason.KEY_REUSED_FOR_OTHER_POSTING, null);
        });
    }

    @Override
    public OptionalLong balance(String accountId) {
        return jdbc.sql("select balance from card_ledger_account where id = :id").param("id", accountId)
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public List<StatementLine> statement(String accountId, Long beforeEntryId, int size) {
        return jdbc.sql("""
                        select e.id, e.journal_id, e.posted_at, j.description, e.amount, e.balance_after
                        from card_ledger_entry e join card_ledger_journal j on j.id = e.journal_id
                        where e.account_id = :account and e.id < :before
                        order by e.id desc limit :size""")
                .param("account", accountId)
                .param("before", beforeEntryId == null ? Long.MAX_VALUE : beforeEntryId)
                .param("size", Math.clamp(size, 1, 200))
                .query((rs, n) -> new StatementLine(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getLong(5), rs.getLong(6)))
                .list();
    }
}
