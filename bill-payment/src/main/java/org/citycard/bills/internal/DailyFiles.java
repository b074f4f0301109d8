package org.citycard.bills.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.citycard.bills.Biller;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.bills.connector.BillerConnector.FileLine;
import org.citycard.bills.connector.BillerConnector.WriteOffAnswer;
import org.citycard.kernel.ChinaTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each biller's daily file, the next morning: the word on payments still awaiting their write-off (the file lists
 * it: written off, with the biller's reference; it does not: reversed (冲正) at the biller to be sure, and the money
 * sent back), and the day reconciled (matched, missing at the biller, missing with us, amount mismatch), kept per
 * biller and day for finance with the day's settlement (what the write-offs owe the biller, and what went back to
 * citizens instead). A payment is never refunded on a guess before its day's file says so.
 */
@Component
class DailyFiles {

    private static final Logger log = LoggerFactory.getLogger(DailyFiles.class);

    private final JdbcClient jdbc;
    private final BillerRegistry registry;
    private final WriteOffs writeOffs;

    DailyFiles(JdbcClient jdbc, BillerRegistry registry, WriteOffs writeOffs) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.writeOffs = writeOffs;
    }

    /** The counts of one biller's day. */
    record Day(int matched, int missingAtBiller, int missingWithUs, int amountMismatch, int confirmed, int reversed,
               long fileTotal, long owed, long refunded) {
    }

    @Scheduled(cron = "${citycard.bills.daily-files-cron:0 30 6 * * *}", zone = ChinaTime.ID)
    @SchedulerLock(name = "bills-daily-files", lockAtMostFor = "PT30M")
    void yesterday() {
        run(LocalDate.now(ChinaTime.ZONE).minusDays(1));
    }

    /** Every biller's file of the day; a biller that does not answer is tried at the next run. */
    Map<String, Day> run(LocalDate day) {
        Map<String, Day> days = new LinkedHashMap<>();
        for (Biller biller : registry.billers()) {
            try {
                days.put(biller.id(), run(biller.id(), day));
            } catch (BillerConnector.BillerUnavailable e) {
                log.warn("Daily file of {} for {} not fetched: {}", biller.id(), day, e.getMessage());
            }
        }
        return days;
    }

    Day run(String billerId, LocalDate day) {
        BillerConnector connector = registry.entry(billerId).orElseThrow().connector();
        List<FileLine> lines = connector.dailyFile(day);
        Map<String, FileLine> byOrder = new HashMap<>();
        long fileTotal = 0;
        for (FileLine line : lines) {
            byOrder.put(line.merchantOrderNo(), line);
            fileTotal += line.amountFen();
        }
        Instant end = day.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        // payments still waiting for their write-off: the file decides
        int confirmed = 0;
        int reversed = 0;
        for (String id : jdbc.sql("""
                        select id from bill_payment where biller_id = :b and state = 'PAID_AWAITING_WRITE_OFF' and paid_at < :end""")
                .param("b", billerId).param("end", Timestamp.from(end)).query(String.class).list()) {
            FileLine line = byOrder.get(id);
            if (line != null) {
                confirmed += writeOffs.confirm(id, line.writeOffRef(), line.writtenOffAt()) ? 1 : 0;
                continue;
            }
            // not in the day's file: written off just after midnight, still being done, or never taken
            switch (connector.status(id)) {
                case WriteOffAnswer.WrittenOff done -> confirmed += writeOffs.confirm(id, done.writeOffRef(), done.at()) ? 1 : 0;
                case WriteOffAnswer.Accepted ignored -> {
                }
                case WriteOffAnswer.NotFound ignored -> reversed += writeOffs.giveBack(id, "bills.not-written-off") ? 1 : 0;
                default -> {
                    if (connector.reverse(id) instanceof WriteOffAnswer.Reversed) {
                        reversed += writeOffs.giveBack(id, "bills.not-written-off") ? 1 : 0;
                    }
                }
            }
        }
        // the day as both sides see it
        Instant start = day.atStartOfDay(ChinaTime.ZONE).toInstant();
        record Ours(String id, long amount) {
        }
        Map<String, Long> ours = new HashMap<>();
        jdbc.sql("""
                        select id, amount from bill_payment where biller_id = :b and state = 'WRITTEN_OFF'
                        and written_off_at >= :start and written_off_at < :end""")
                .param("b", billerId).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .query((rs, n) -> new Ours(rs.getString(1), rs.getLong(2))).list()
                .forEach(o -> ours.put(o.id(), o.amount()));
        int matched = 0;
        int mismatch = 0;
        int missingWithUs = 0;
        for (FileLine line : lines) {
            Long amount = ours.remove(line.merchantOrderNo());
            if (amount == null) {
                missingWithUs++;
            } else if (amount != line.amountFen()) {
                mismatch++;
            } else {
                matched++;
            }
        }
        // the settlement: what the day's write-offs owe the biller, and what went back to citizens instead
        long owed = jdbc.sql("""
                        select coalesce(sum(amount), 0) from bill_payment where biller_id = :b and state = 'WRITTEN_OFF'
                        and written_off_at >= :start and written_off_at < :end""")
                .param("b", billerId).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .query(Long.class).single();
        long refunded = jdbc.sql("""
                        select coalesce(sum(amount), 0) from bill_payment where biller_id = :b
                        and state in ('REFUNDING', 'REFUNDED') and paid_at >= :start and paid_at < :end""")
                .param("b", billerId).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .query(Long.class).single();
        Day result = new Day(matched, ours.size(), missingWithUs, mismatch, confirmed, reversed, fileTotal, owed, refunded);
        keep(billerId, day, result);
        if (result.missingAtBiller() + result.missingWithUs() + result.amountMismatch() > 0) {
            log.warn("Biller {} on {}: {} missing at the biller, {} missing with us, {} amounts differ", billerId, day,
                    result.missingAtBiller(), result.missingWithUs(), result.amountMismatch());
        }
        return result;
    }

    private void keep(String billerId, LocalDate day, Day d) {
        jdbc.sql("delete from bill_reconciliation where biller_id = :b and file_day = :d").param("b", billerId)
                .param("d", day).update();
        jdbc.sql("""
                        insert into bill_reconciliation (biller_id, file_day, matched, missing_at_biller, missing_with_us,
                                                         amount_mismatch, confirmed, reversed, file_total, owed, refunded,
                                                         ran_at)
                        values (:b, :d, :m, :mb, :mu, :mm, :c, :r, :t, :owed, :refunded, :now)""")
                .param("b", billerId).param("d", day).param("m", d.matched()).param("mb", d.missingAtBiller())
                .param("mu", d.missingWithUs()).param("mm", d.amountMismatch()).param("c", d.confirmed())
                .param("r", d.reversed()).param("t", d.fileTotal()).param("owed", d.owed())
                .param("refunded", d.refunded()).param("now", Timestamp.from(Instant.now()))
                .update();
    }
}
