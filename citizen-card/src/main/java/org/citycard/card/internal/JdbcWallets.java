package org.citycard.card.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.citycard.card.ledger.StatementLine;
import org.citycard.kernel.FreeText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wallet reads and four-eyes adjustments. Approval first moves the request out of PENDING with a guarded update
 * (of two approvals at once, one wins), then posts under the key {@code adjustment:<id>}, in one transaction.
 */
@Service
@Transactional
class JdbcWallets implements Wallets {

    static final String ADJUSTMENTS_ACCOUNT = "adjustment:manual";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    JdbcWallets(JdbcClient jdbc, Ledger ledger, Clock cardClock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = cardClock;
    }

    @Override
    @Transactional(readOnly = true)
    public OptionalLong balance(CitizenId citizen) {
        return ledger.balance(Wallets.accountOf(citizen));
    }

    @Override
    @Transactional(readOnly = true)
    public List<StatementLine> statement(CitizenId citizen, Long beforeEntryId, int size) {
        return ledger.statement(Wallets.accountOf(citizen), beforeEntryId, size);
    }

    @Override
    public AdjustmentResult requestAdjustment(CitizenId citizen, long amountFen, String reason, String requestedBy) {
        FreeText.Checked reasonText = FreeText.line("reason", reason, 200);
        if (reasonText instanceof FreeText.Checked.Refused) {
            return refused(Problem.REASON_INVALID);
        }
        if (((FreeText.Checked.Clean) reasonText).isEmpty()) {
            return refused(Problem.REASON_REQUIRED);
        }
        reason = ((FreeText.Checked.Clean) reasonText).text();
        if (amountFen == 0) {
            return refused(Problem.ZERO_AMOUNT);
        }
        if (balance(citizen).isEmpty()) {
            return refused(Problem.NO_WALLET);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into card_adjustment (id, citizen_id, amount, reason, status, requested_by, requested_at)
                        values (:id, :citizen, :amount, :reason, 'PENDING', :by, :now)""")
                .param("id", id).param("citizen", citizen.value()).param("amount", amountFen)
                .param("reason", reason.strip()).param("by", requestedBy).param("now", Db.ts(clock.instant()))
                .update();
        return new AdjustmentResult.Done(adjustment(id).orElseThrow());
    }

    @Override
    public AdjustmentResult approve(UUID id, String approver) {
        Optional<Adjustment> found = adjustment(id);
        if (found.isEmpty()) {
            return refused(Problem.UNKNOWN_ADJUSTMENT);
        }
        Adjustment adjustment = found.get();
        if (adjustment.requestedBy().equals(approver)) {
            return refused(Problem.SAME_ADMINISTRATOR);
        }
        if (!decide(id, Adjustment.Status.POSTED, approver, null)) {
            return refused(Problem.NOT_PENDING);
        }
        ledger.open(ADJUSTMENTS_ACCOUNT, AccountKind.ADJUSTMENT, null);
        String wallet = Wallets.accountOf(adjustment.citizen());
        long amount = adjustment.amountFen();
        String description = "调账 Adjustment: " + adjustment.reason();
        Posting posting = amount > 0
                ? Posting.transfer("adjustment:" + id, abbreviate(description), ADJUSTMENTS_ACCOUNT, wallet, amount)
                : Posting.transfer("adjustment:" + id, abbreviate(description), wallet, ADJUSTMENTS_ACCOUNT, -amount);
        PostingResult result = ledger.post(posting);
        if (result instanceof PostingResult.Refused refused) {
            jdbc.sql("update card_adjustment set status = 'REFUSED', refusal = :why where id = :id")
                    .param("why", refused.reason().name()).param("id", id).update();
            return refused(Problem.INSUFFICIENT_FUNDS);
        }
        return new AdjustmentResult.Done(adjustment(id).orElseThrow());
    }

    @Override
    public AdjustmentResult reject(UUID id, String approver) {
        Optional<Adjustment> found = adjustment(id);
        if (found.isEmpty()) {
            return refused(Problem.UNKNOWN_ADJUSTMENT);
        }
        if (!decide(id, Adjustment.Status.REJECTED, approver, null)) {
            return refused(Problem.NOT_PENDING);
        }
        return new AdjustmentResult.Done(adjustment(id).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Adjustment> adjustments(Adjustment.Status status, int limit) {
        return jdbc.sql(SELECT + " where a.status = :status order by a.requested_at desc limit :limit")
                .param("status", status.name()).param("limit", Math.clamp(limit, 1, 500))
                .query(JdbcWallets::adjustment).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Adjustment> adjustment(UUID id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(JdbcWallets::adjustment).optional();
    }

    private boolean decide(UUID id, Adjustment.Status to, String approver, String refusal) {
        return jdbc.sql("""
                        update card_adjustment set status = :to, decided_by = :by, decided_at = :now, refusal = :refusal
                        where id = :id and status = 'PENDING'""")
                .param("to", to.name()).param("by", approver).param("now", Db.ts(clock.instant()))
                .param("refusal", refusal).param("id", id)
                .update() == 1;
    }

    private static final String SELECT = """
            select a.id, a.citizen_id, z.phone_masked, a.amount, a.reason, a.status, a.requested_by, a.requested_at,
                   a.decided_by, a.refusal
            from card_adjustment a join card_citizen z on z.id = a.citizen_id""";

    private static Adjustment adjustment(ResultSet rs, int row) throws SQLException {
        return new Adjustment(Db.uuid(rs, "id"), new CitizenId(Db.uuid(rs, "citizen_id")),
                Db.orEmpty(rs.getString("phone_masked")), rs.getLong("amount"), rs.getString("reason"),
                Adjustment.Status.valueOf(rs.getString("status")), rs.getString("requested_by"),
                Db.instant(rs, "requested_at"), rs.getString("decided_by"), rs.getString("refusal"));
    }

    private static AdjustmentResult refused(Problem problem) {
        return new AdjustmentResult.Refused(problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
