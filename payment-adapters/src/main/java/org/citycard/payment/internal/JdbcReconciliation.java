package org.citycard.payment.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation on JDBC: for each channel that keeps statements, its day's payments and refunds are matched by
 * order number and refund number against ours. Our side of a day is what we expect on that day's statement: the
 * statement day the channel gave when it reported the payment or refund (its success time, UnionPay's settlement
 * date), else the day we recorded it (China time). A line of the statement that we expected on another day still
 * matches by its number, and the statement's day becomes ours, so a payment at 23:59:58 notified after midnight is
 * not reported twice; if that other day was reconciled already and reported it missing at the channel, that
 * difference is withdrawn. A line for something that another day's statement already matched, or a second line
 * for the same payment or refund, is the channel settling it twice. Only the differences are kept, with the day's
 * summary; a run replaces the day's earlier run in one transaction.
 */
@Service
class JdbcReconciliation implements Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(JdbcReconciliation.class);
    static final ZoneId CHINA = org.citycard.payment.StatementDays.CHINA;

    private final Channels channels;
    private final StrayPayments strays;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcReconciliation(Channels channels, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                       StrayPayments strays) {
        this.strays = strays;
        this.channels = channels;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Our payment or refund the statement of this day carries, though we expected it on {@code from}. */
    private record Moved(ChannelId channel, StatementEntry.Kind kind, String key, LocalDate from) {
    }

    /** Our side of a statement line we did not expect on this day: our amount, and the day we expected it. */
    private record Elsewhere(long amountFen, LocalDate expected) {
    }

    @Override
    public Report run(LocalDate day) {
        List<Summary> summaries = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (PaymentChannel channel : channels.all()) {
            Optional<List<StatementEntry>> statement;
            try {
                statement = channel.statement(day);
            } catch (RuntimeException e) {
                log.warn("No {} statement for {}: {}", channel.id(), day, e.getMessage());
                summaries.add(new Summary(channel.id(), 0, 0, 0, 0, 0, 0, 0, 0,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            statement.ifPresent(entries -> summaries.add(compare(day, channel.id(), entries, differences, moved)));
        }
        try {
            transactions.executeWithoutResult(status -> store(day, summaries, differences, moved));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another run of the same day stored at the same moment: this one replaces it
            transactions.executeWithoutResult(status -> store(day, summaries, differences, moved));
        }
        return new Report(day, summaries, differences);
    }

    private Summary compare(LocalDate day, ChannelId channel, List<StatementEntry> entries, List<Difference> differences,
                            List<Moved> moved) {
        Timestamp from = Timestamp.from(day.atStartOfDay(CHINA).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(CHINA).toInstant());
        Date date = Date.valueOf(day);
        Map<String, Long> ourPayments = new HashMap<>();
        jdbc.sql("""
                        select order_no, amount from payment_order where channel = :channel and paid_at is not null
                        and (statement_day = :day or statement_day is null and paid_at >= :from and paid_at < :to)""")
                .param("channel", channel.name()).param("day", date).param("from", from).param("to", to)
                .query(rs -> {
                    ourPayments.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Long> ourRefunds = new HashMap<>();
        Map<String, String> refundOrders = new HashMap<>();
        jdbc.sql("""
                        select r.refund_no, r.order_no, r.amount from payment_refund r join payment_order o on o.order_no = r.order_no
                        where o.channel = :channel and r.state = 'SUCCEEDED' and not r.by_hand
                        and (r.statement_day = :day or r.statement_day is null and r.decided_at >= :from and r.decided_at < :to)""")
                .param("channel", channel.name()).param("day", date).param("from", from).param("to", to)
                .query(rs -> {
                    ourRefunds.put(rs.getString(1), rs.getLong(3));
                    refundOrders.put(rs.getString(1), rs.getString(2));
                });
        int payments = 0;
        int refunds = 0;
        long paid = 0;
        long refunded = 0;
        long fees = 0;
        int matched = 0;
        int before = differences.size();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (StatementEntry entry : entries) {
            fees += entry.feeFen();
            boolean payment = entry.kind() == StatementEntry.Kind.PAYMENT;
            String key = payment ? entry.order().value() : entry.refundNo();
            if (payment) {
                payments++;
                paid += entry.amountFen();
            } else {
                refunds++;
                refunded += entry.amountFen();
            }
            Long ours = payment ? ourPayments.remove(key) : ourRefunds.remove(key);
            boolean twice = !seen.add(entry.kind() + ":" + key);
            if (ours == null && !twice) {
                // a payment through a channel the order no longer uses, and its automatic refund, are ours too
                ours = strays.onStatement(channel, entry.kind(), key).orElse(null);
            }
            if (ours == null && !twice) {
                Optional<Elsewhere> elsewhere = elsewhere(channel, entry.kind(), key);
                if (elsewhere.isPresent() && stillOpen(channel, entry.kind(), key, elsewhere.get().expected())) {
                    // expected on another day's statement: the channel's day is the one that counts
                    ours = elsewhere.get().amountFen();
                    moved.add(new Moved(channel, entry.kind(), key, elsewhere.get().expected()));
                } else if (elsewhere.isPresent()) {
                    twice = true;
                }
            }
            if (twice) {
                differences.add(new Difference(channel, entry.kind(), Outcome.DUPLICATE_AT_CHANNEL,
                        entry.order().value(), entry.refundNo(), null, entry.amountFen()));
            } else if (ours == null) {
                differences.add(new Difference(channel, entry.kind(), Outcome.MISSING_HERE, entry.order().value(),
                        entry.refundNo(), null, entry.amountFen()));
            } else if (ours != entry.amountFen()) {
                differences.add(new Difference(channel, entry.kind(), Outcome.AMOUNT_MISMATCH, entry.order().value(),
                        entry.refundNo(), ours, entry.amountFen()));
            } else {
                matched++;
            }
        }
        ourPayments.forEach((order, amount) -> differences.add(new Difference(channel, StatementEntry.Kind.PAYMENT,
                Outcome.MISSING_AT_CHANNEL, order, null, amount, null)));
        ourRefunds.forEach((refund, amount) -> differences.add(new Difference(channel, StatementEntry.Kind.REFUND,
                Outcome.MISSING_AT_CHANNEL, refundOrders.get(refund), refund, amount, null)));
        return new Summary(channel, payments, paid, refunds, refunded, fees, paid - refunded - fees, matched,
                differences.size() - before, null);
    }

    /** Our payment or settled refund of this channel, whatever day we expected it on. */
    private Optional<Elsewhere> elsewhere(ChannelId channel, StatementEntry.Kind kind, String key) {
        String sql = kind == StatementEntry.Kind.PAYMENT
                ? """
                select amount, statement_day, paid_at from payment_order
                where order_no = :key and channel = :channel and paid_at is not null"""
                : """
                select r.amount, r.statement_day, r.decided_at from payment_refund r
                join payment_order o on o.order_no = r.order_no
                where r.refund_no = :key and o.channel = :channel and r.state = 'SUCCEEDED' and not r.by_hand""";
        return jdbc.sql(sql).param("key", key == null ? "" : key).param("channel", channel.name())
                .query((rs, n) -> {
                    Date day = rs.getDate(2);
                    return new Elsewhere(rs.getLong(1), day != null ? day.toLocalDate()
                            : LocalDate.ofInstant(rs.getTimestamp(3).toInstant(), CHINA));
                }).optional();
    }

    /**
     * Whether the day we expected it on has not matched it: not reconciled yet, or reconciled and reporting it
     * missing at the channel. Otherwise that day's statement had it, and this line is a second settlement.
     */
    private boolean stillOpen(ChannelId channel, StatementEntry.Kind kind, String key, LocalDate expected) {
        boolean reconciled = jdbc.sql("""
                        select count(*) from payment_settlement
                        where business_day = :day and channel = :channel and error is null""")
                .param("day", Date.valueOf(expected)).param("channel", channel.name()).query(Integer.class).single() > 0;
        return !reconciled || jdbc.sql("""
                        select count(*) from payment_difference where business_day = :day and channel = :channel
                        and kind = :kind and outcome = 'MISSING_AT_CHANNEL'
                        and (order_no = :key and kind = 'PAYMENT' or refund_no = :key and kind = 'REFUND')""")
                .param("day", Date.valueOf(expected)).param("channel", channel.name()).param("kind", kind.name())
                .param("key", key).query(Integer.class).single() > 0;
    }

    private void store(LocalDate day, List<Summary> summaries, List<Difference> differences, List<Moved> moved) {
        Date date = Date.valueOf(day);
        for (Moved m : moved) {
            boolean payment = m.kind() == StatementEntry.Kind.PAYMENT;
            jdbc.sql(payment ? "update payment_order set statement_day = :day where order_no = :key"
                            : "update payment_refund set statement_day = :day where refund_no = :key")
                    .param("day", date).param("key", m.key()).update();
            // the day we expected it on said "missing at the channel": it was not, it was on this day's statement
            int withdrawn = jdbc.sql("delete from payment_difference where business_day = :from and channel = :channel"
                            + " and outcome = 'MISSING_AT_CHANNEL' and " + (payment ? "order_no" : "refund_no") + " = :key")
                    .param("from", Date.valueOf(m.from())).param("channel", m.channel().name()).param("key", m.key())
                    .update();
            if (withdrawn > 0) {
                jdbc.sql("""
                                update payment_settlement set differences = differences - :withdrawn
                                where business_day = :from and channel = :channel""")
                        .param("withdrawn", withdrawn).param("from", Date.valueOf(m.from()))
                        .param("channel", m.channel().name()).update();
            }
        }
        jdbc.sql("delete from payment_difference where business_day = :day").param("day", date).update();
        jdbc.sql("delete from payment_settlement where business_day = :day").param("day", date).update();
        Timestamp now = Timestamp.from(Instant.now());
        for (Summary s : summaries) {
            jdbc.sql("""
                            insert into payment_settlement (business_day, channel, payments, paid, refunds, refunded, fees, net,
                                                            matched, differences, error, run_at)
                            values (:day, :channel, :payments, :paid, :refunds, :refunded, :fees, :net, :matched,
                                    :differences, :error, :now)""")
                    .param("day", date).param("channel", s.channel().name()).param("payments", s.payments())
                    .param("paid", s.paidFen()).param("refunds", s.refunds()).param("refunded", s.refundedFen())
                    .param("fees", s.feeFen()).param("net", s.netFen()).param("matched", s.matched())
                    .param("differences", s.differences())
                    .param("error", s.error() == null ? null : s.error().substring(0, Math.min(200, s.error().length())))
                    .param("now", now).update();
        }
        for (Difference d : differences) {
            jdbc.sql("""
                            insert into payment_difference (business_day, channel, kind, outcome, order_no, refund_no, our_amount,
                                                            channel_amount)
                            values (:day, :channel, :kind, :outcome, :order, :refund, :ours, :theirs)""")
                    .param("day", date).param("channel", d.channel().name()).param("kind", d.kind().name())
                    .param("outcome", d.outcome().name()).param("order", d.orderNo()).param("refund", d.refundNo())
                    .param("ours", d.ourFen()).param("theirs", d.channelFen()).update();
        }
    }

    @Override
    public Optional<Report> report(LocalDate day) {
        Date date = Date.valueOf(day);
        List<Summary> summaries = jdbc.sql("""
                        select channel, payments, paid, refunds, refunded, fees, net, matched, differences, error
                        from payment_settlement where business_day = :day order by channel""")
                .param("day", date)
                .query((rs, n) -> new Summary(ChannelId.valueOf(rs.getString(1)), rs.getInt(2), rs.getLong(3),
                        rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9),
                        rs.getString(10)))
                .list();
        if (summaries.isEmpty()) {
            return Optional.empty();
        }
        List<Difference> differences = jdbc.sql("""
                        select channel, kind, outcome, order_no, refund_no, our_amount, channel_amount
                        from payment_difference where business_day = :day order by channel, id""")
                .param("day", date)
                .query((rs, n) -> new Difference(ChannelId.valueOf(rs.getString(1)),
                        StatementEntry.Kind.valueOf(rs.getString(2)), Outcome.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6, Long.class), (Long) rs.getObject(7, Long.class)))
                .list();
        return Optional.of(new Report(day, summaries, differences));
    }
}
