package org.citycard.bills.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.citycard.bills.BillOperations;
import org.citycard.bills.BillPayment;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.FreeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Billing staff's operations over the registry, the payments and the daily files. */
@Service
class DefaultBillOperations implements BillOperations {

    private static final Logger log = LoggerFactory.getLogger(DefaultBillOperations.class);

    private final BillerRegistry registry;
    private final JdbcBillPayments payments;
    private final WriteOffs writeOffs;
    private final DailyFiles files;
    private final JdbcClient jdbc;

    DefaultBillOperations(BillerRegistry registry, JdbcBillPayments payments, WriteOffs writeOffs, DailyFiles files,
                          JdbcClient jdbc) {
        this.registry = registry;
        this.payments = payments;
        this.writeOffs = writeOffs;
        this.files = files;
        this.jdbc = jdbc;
    }

    @Override
    public List<BillerStatus> billers() {
        LocalTime now = LocalTime.now(ChinaTime.ZONE);
        return registry.billers().stream().map(b -> {
            BillerRegistry.Entry entry = registry.entry(b.id()).orElseThrow();
            WatchedConnector c = entry.connector();
            long waiting = jdbc.sql("select count(*) from bill_payment where biller_id = :b and state = 'PAID_AWAITING_WRITE_OFF'")
                    .param("b", b.id()).query(Long.class).single();
            return new BillerStatus(b, b.enabled() && b.openAt(now), waiting, c.lastAnswerAt(), c.lastFailureAt(),
                    c.lastFailure(), entry.connection(), registry.lastChange(b.id()).orElse(null));
        }).toList();
    }

    @Override
    @Transactional
    public Optional<ChangeRefused> changeBiller(String billerId, boolean enabled, LocalTime opensAt, LocalTime closesAt,
                                                String notice, String reason, String staff) {
        if (registry.entry(billerId).isEmpty()) {
            return Optional.of(ChangeRefused.UNKNOWN_BILLER);
        }
        if (opensAt == null || closesAt == null) {
            return Optional.of(ChangeRefused.HOURS_REQUIRED);
        }
        String why = FreeText.lineOrNull(reason, REASON_MAX);
        if (why == null || why.isEmpty()) {
            return Optional.of(ChangeRefused.REASON_REQUIRED);
        }
        if (!(FreeText.line("notice", notice, NOTICE_MAX) instanceof FreeText.Checked.Clean clean)) {
            return Optional.of(ChangeRefused.BAD_NOTICE);
        }
        registry.change(billerId, enabled, opensAt.withSecond(0).withNano(0), closesAt.withSecond(0).withNano(0),
                clean.text().isEmpty() ? null : clean.text(), why, staff);
        log.info("Biller {} {} by {}, hours {}-{}", billerId, enabled ? "enabled" : "suspended", staff, opensAt, closesAt);
        return Optional.empty();
    }

    @Override
    public List<BillerChange> changes(String billerId, int limit) {
        return jdbc.sql("""
                        select biller_id, enabled, opens_at, closes_at, notice, reason, changed_by, changed_at
                        from biller_setting_log where biller_id = :b order by changed_at desc, id desc limit :limit""")
                .param("b", billerId).param("limit", limit)
                .query((rs, n) -> new BillerChange(rs.getString("biller_id"), rs.getBoolean("enabled"),
                        rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class),
                        rs.getString("notice"), rs.getString("reason"), rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    @Override
    public List<BillPayment> awaitingWriteOff(int limit) {
        return payments.awaitingWriteOff(limit);
    }

    @Override
    public Optional<BillPayment> retryNow(String paymentId) {
        writeOffs.attempt(paymentId);
        return payments.read(paymentId);
    }

    @Override
    public List<DayReconciliation> reconciliations(LocalDate day) {
        return jdbc.sql("""
                        select biller_id, file_day, matched, missing_at_biller, missing_with_us, amount_mismatch, confirmed,
                               reversed, file_total, owed, refunded, ran_at
                        from bill_reconciliation where file_day = :d order by biller_id""")
                .param("d", day)
                .query((rs, n) -> new DayReconciliation(rs.getString("biller_id"),
                        registry.entry(rs.getString("biller_id")).map(e -> e.biller().name()).orElse(rs.getString("biller_id")),
                        rs.getObject("file_day", LocalDate.class), rs.getInt("matched"), rs.getInt("missing_at_biller"),
                        rs.getInt("missing_with_us"), rs.getInt("amount_mismatch"), rs.getInt("confirmed"),
                        rs.getInt("reversed"), rs.getLong("file_total"), rs.getLong("owed"), rs.getLong("refunded"),
                        rs.getTimestamp("ran_at").toInstant()))
                .list();
    }

    @Override
    public List<DayReconciliation> reconcile(LocalDate day) {
        files.run(day);
        return reconciliations(day);
    }
}
