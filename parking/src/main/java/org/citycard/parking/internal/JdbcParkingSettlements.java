package org.citycard.parking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.kernel.ChinaTime;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingSettlements;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement from {@code parking_payment_part} (a payment's share of each stay, so arrears collected with another
 * lot's stay go to their own operator) joined to the stays' lots; fees per mille per channel from configuration
 * ({@code citycard.parking.channel-fees-per-mille}, default WeChat Pay and Alipay 6, UnionPay 5, wallet 0).
 */
@Service
class JdbcParkingSettlements implements ParkingSettlements {

    private final JdbcClient jdbc;
    private final ParkingAdministration administration;
    private final Map<String, Integer> perMille;
    private final Clock clock = Clock.systemUTC();

    JdbcParkingSettlements(JdbcClient jdbc, ParkingAdministration administration,
                           @Value("${citycard.parking.channel-fees-per-mille:WECHAT_PAY=6,ALIPAY=6,UNIONPAY=5,WALLET=0}")
                           String fees) {
        this.jdbc = jdbc;
        this.administration = administration;
        Map<String, Integer> rates = new HashMap<>();
        for (String pair : fees.split(",")) {
            String[] kv = pair.strip().split("=");
            rates.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        this.perMille = Map.copyOf(rates);
    }

    @Override
    @Transactional
    public List<Settlement> settle(LocalDate day) {
        Instant start = day.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        record Row(String operator, String channel, int payments, long collected) {
        }
        List<Row> rows = jdbc.sql("""
                        select l.operator_id, coalesce(p.channel, 'UNKNOWN'), count(distinct p.id), sum(pp.amount)
                        from parking_payment p join parking_payment_part pp on pp.payment_id = p.id
                        join parking_session s on s.id = pp.session_id join parking_lot l on l.id = s.lot_id
                        where p.state = 'PAID' and p.paid_at >= :start and p.paid_at < :end
                        group by l.operator_id, coalesce(p.channel, 'UNKNOWN')""")
                .param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4))).list();
        jdbc.sql("delete from parking_settlement where settled_day = :d").param("d", day).update();
        Timestamp now = Timestamp.from(clock.instant());
        for (Row r : rows) {
            long fees = (r.collected() * perMille.getOrDefault(r.channel(), 0) + 500) / 1000;
            jdbc.sql("""
                            insert into parking_settlement (operator_id, settled_day, channel, payments, collected, fees, payout,
                                                            settled_at)
                            values (:o, :d, :c, :n, :collected, :fees, :payout, :now)""")
                    .param("o", r.operator()).param("d", day).param("c", r.channel()).param("n", r.payments())
                    .param("collected", r.collected()).param("fees", fees).param("payout", r.collected() - fees)
                    .param("now", now).update();
        }
        return read(null, day);
    }

    @Override
    public List<Settlement> settlements(ParkingAdministration.Staff staff, LocalDate day) {
        return read(staff, day);
    }

    private List<Settlement> read(ParkingAdministration.Staff staff, LocalDate day) {
        List<String> mine = staff == null || staff.cityAdmin() ? null
                : administration.operators(staff).stream().map(ParkingAdministration.Operator::id).toList();
        if (mine != null && mine.isEmpty()) {
            return List.of();
        }
        var spec = jdbc.sql("select operator_id, settled_day, channel, payments, collected, fees, payout from parking_settlement"
                + " where settled_day = :d" + (mine == null ? "" : " and operator_id in (:mine)") + " order by operator_id, channel")
                .param("d", day);
        if (mine != null) {
            spec.param("mine", mine);
        }
        return spec.query((rs, n) -> new Settlement(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))).list();
    }

    @Override
    @Transactional
    public Reconciliation reconcile(String operatorId, LocalDate day, String file) {
        Instant start = day.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Map<String, Long> ours = new HashMap<>();
        jdbc.sql("""
                        select s.lot_id, s.plate, s.exit_at, s.fee from parking_session s join parking_lot l on l.id = s.lot_id
                        where l.operator_id = :o and s.billed_at is not null and s.exit_at >= :start and s.exit_at < :end""")
                .param("o", operatorId).param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
                .query(rs -> {
                    ours.put(key(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), rs.getLong(4));
                });
        int lines = 0;
        int matched = 0;
        int missingWithUs = 0;
        int mismatch = 0;
        int bad = 0;
        for (String line : file.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            Optional<Map.Entry<String, Long>> parsed = parse(line);
            if (parsed.isEmpty()) {
                bad++;
                continue;
            }
            Long fee = ours.remove(parsed.get().getKey());
            if (fee == null) {
                missingWithUs++;
            } else if (fee.longValue() != parsed.get().getValue()) {
                mismatch++;
            } else {
                matched++;
            }
        }
        Reconciliation result = new Reconciliation(operatorId, day, lines, matched, missingWithUs, ours.size(), mismatch, bad);
        jdbc.sql("delete from parking_reconciliation where operator_id = :o and file_day = :d").param("o", operatorId)
                .param("d", day).update();
        jdbc.sql("""
                        insert into parking_reconciliation (operator_id, file_day, file_lines, matched, missing_with_us,
                                                            missing_at_operator, fee_mismatch, bad_lines, received_at)
                        values (:o, :d, :lines, :matched, :mwu, :mao, :mm, :bad, :now)""")
                .param("o", operatorId).param("d", day).param("lines", lines).param("matched", matched)
                .param("mwu", missingWithUs).param("mao", ours.size()).param("mm", mismatch).param("bad", bad)
                .param("now", Timestamp.from(clock.instant())).update();
        return result;
    }

    @Override
    public List<Reconciliation> reconciliations(ParkingAdministration.Staff staff, LocalDate day) {
        List<String> mine = staff.cityAdmin() ? null
                : administration.operators(staff).stream().map(ParkingAdministration.Operator::id).toList();
        if (mine != null && mine.isEmpty()) {
            return List.of();
        }
        var spec = jdbc.sql("""
                        select operator_id, file_day, file_lines, matched, missing_with_us, missing_at_operator, fee_mismatch,
                               bad_lines
                        from parking_reconciliation where file_day = :d""" + (mine == null ? "" : " and operator_id in (:mine)")
                        + " order by operator_id").param("d", day);
        if (mine != null) {
            spec.param("mine", mine);
        }
        return spec.query((rs, n) -> new Reconciliation(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8))).list();
    }

    private static String key(String lot, String plate, Instant exit) {
        return lot + "|" + plate + "|" + exit.getEpochSecond();
    }

    private static Optional<Map.Entry<String, Long>> parse(String line) {
        String[] f = line.strip().split(",");
        if (f.length != 5 || !f[0].matches("[a-z0-9][a-z0-9-]{1,31}") || !f[1].matches("[^,\\s]{7,8}")) {
            return Optional.empty();
        }
        try {
            Instant.parse(f[2]);
            long fee = Long.parseLong(f[4]);
            return fee < 0 ? Optional.empty() : Optional.of(Map.entry(key(f[0], f[1], Instant.parse(f[3])), fee));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
