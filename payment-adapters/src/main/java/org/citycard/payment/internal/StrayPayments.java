package org.citycard.payment.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.citycard.payment.ChannelId;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel.StatementEntry;
import org.citycard.payment.PaymentOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments through a channel an order no longer uses: a citizen who switched from Alipay to WeChat Pay can still
 * pay the Alipay code (Alipay cannot withdraw a code nobody has scanned), or pays a channel after the order was
 * closed with another. Such money is not the order's. It is recorded once per channel transaction, shows in the
 * order's timeline, and goes back through the channel that took it, under its own refund number: the janitor
 * sends the refund and asks after it, and the channel's refund notification settles it.
 */
@Service
@Transactional
class StrayPayments {

    private static final Logger log = LoggerFactory.getLogger(StrayPayments.class);

    enum State {
        REFUNDING, REFUNDED, FAILED
    }

    record Stray(OrderNo order, ChannelId channel, String channelTradeNo, long amountFen, String refundNo, State state) {
    }

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    StrayPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a stray payment once per channel transaction: its refund number, or empty when it was recorded before. */
    Optional<String> record(PaymentOrder order, ChannelId channel, String channelTradeNo, long amountFen) {
        if (refundNoOf(channel, channelTradeNo).isPresent()) {
            return Optional.empty();
        }
        String refundNo = JdbcPaymentOrders.newRefundNo(clock);
        int inserted = jdbc.sql("""
                        insert into payment_stray (order_no, channel, channel_trade_no, amount, refund_no, state, received_at)
                        values (:order, :channel, :trade, :amount, :refund, 'REFUNDING', :now) on conflict do nothing""")
                .param("order", order.no().value()).param("channel", channel.name()).param("trade", channelTradeNo)
                .param("amount", amountFen).param("refund", refundNo).param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        timeline(order, "paid again at " + channel + " (" + channelTradeNo + "), returned automatically as " + refundNo);
        log.warn("Order {} was paid at {} though it is with {}: {} fen go back as {}", order.no().value(), channel,
                order.channel(), amountFen, refundNo);
        return Optional.of(refundNo);
    }

    private Optional<String> refundNoOf(ChannelId channel, String channelTradeNo) {
        return jdbc.sql("select refund_no from payment_stray where channel = :channel and channel_trade_no = :trade")
                .param("channel", channel.name()).param("trade", channelTradeNo).query(String.class).optional();
    }

    @Transactional(readOnly = true)
    List<Stray> open(int limit) {
        return jdbc.sql("select " + COLUMNS + " from payment_stray where state = 'REFUNDING' order by received_at limit :limit")
                .param("limit", limit).query(StrayPayments::row).list();
    }

    @Transactional(readOnly = true)
    Optional<Stray> byRefundNo(String refundNo) {
        return jdbc.sql("select " + COLUMNS + " from payment_stray where refund_no = :refund")
                .param("refund", refundNo == null ? "" : refundNo).query(StrayPayments::row).optional();
    }

    /**
     * The channel settled the stray's refund (or refused it): true when this changed it. A refund that failed and
     * was later finished by hand at the channel may still succeed.
     */
    boolean settle(PaymentOrder order, String refundNo, boolean succeeded, String detail) {
        int updated = jdbc.sql("""
                        update payment_stray set state = :state, detail = :detail, decided_at = :now
                        where refund_no = :refund and state in (:from)""")
                .param("state", succeeded ? State.REFUNDED.name() : State.FAILED.name())
                .param("detail", detail == null ? null : detail.substring(0, Math.min(200, detail.length())))
                .param("now", Timestamp.from(clock.instant())).param("refund", refundNo)
                .param("from", succeeded ? List.of("REFUNDING", "FAILED") : List.of("REFUNDING")).update();
        if (updated > 0) {
            timeline(order, "stray payment " + (succeeded ? "returned: " : "could not be returned, finance to act: ")
                    + refundNo);
            if (!succeeded) {
                log.warn("The stray payment of order {} could not be returned as {}: {}", order.no().value(), refundNo,
                        detail);
            }
        }
        return updated > 0;
    }

    /** The amount the channel's statement should show for a stray payment (by order) or its settled refund. */
    @Transactional(readOnly = true)
    Optional<Long> onStatement(ChannelId channel, StatementEntry.Kind kind, String key) {
        String sql = kind == StatementEntry.Kind.PAYMENT
                ? "select amount from payment_stray where channel = :channel and order_no = :key"
                : "select amount from payment_stray where channel = :channel and refund_no = :key and state = 'REFUNDED'";
        return jdbc.sql(sql).param("channel", channel.name()).param("key", key == null ? "" : key)
                .query(Long.class).list().stream().findFirst();
    }

    /** The order as the stray's channel knows it: paid there, under that channel's transaction number. */
    static PaymentOrder asPaidAt(PaymentOrder order, Stray stray) {
        return new PaymentOrder(order.no(), order.citizen(), order.purpose(), order.amountFen(), order.subject(),
                stray.channel(), order.scene(), org.citycard.payment.OrderState.PAID, stray.channelTradeNo(),
                order.createdAt(), order.expiresAt(), order.paidAt(), 0);
    }

    private void timeline(PaymentOrder order, String detail) {
        JdbcPaymentOrders.timeline(jdbc, clock, order.no(), order.state(), order.state(), detail);
    }

    private static final String COLUMNS = "order_no, channel, channel_trade_no, amount, refund_no, state";

    private static Stray row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stray(new OrderNo(rs.getString(1)), ChannelId.valueOf(rs.getString(2)), rs.getString(3),
                rs.getLong(4), rs.getString(5), State.valueOf(rs.getString(6)));
    }
}
