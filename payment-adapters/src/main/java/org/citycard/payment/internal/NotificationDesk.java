package org.citycard.payment.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.citycard.payment.ChannelId;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentAlert;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentChannel.Notice;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Yuan;
import org.citycard.payment.internal.OrderBook.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Receives notifications: keeps the raw one first (so it survives whatever happens next), lets its channel verify
 * it, then applies it through the orders' guarded moves. Anything not believed, or believed but not matching our
 * order, changes nothing and raises a {@link PaymentAlert}.
 */
@Service
class NotificationDesk implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(NotificationDesk.class);

    private final Channels channels;
    private final OrderBook orders;
    private final StrayPayments strays;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    NotificationDesk(Channels channels, OrderBook orders, StrayPayments strays, JdbcClient jdbc,
                     ApplicationEventPublisher events) {
        this.strays = strays;
        this.channels = channels;
        this.orders = orders;
        this.jdbc = jdbc;
        this.events = events;
    }

    private record Outcome(Verdict verdict, OrderNo order, String detail) {

        boolean accepted() {
            // a forged or early notification is answered "again, please"; anything verified is acknowledged
            return verdict != Verdict.REJECTED && verdict != Verdict.DEFERRED;
        }
    }

    @Override
    public PaymentChannel.Reply receive(ChannelId channelId, PaymentChannel.Inbound notification) {
        return receiveAndJudge(channelId, notification, true).reply();
    }

    @Override
    public java.util.Optional<PaymentChannel.Reply> refusal(ChannelId channelId) {
        return channels.find(channelId).map(channel -> channel.reply(false));
    }

    @Override
    public int forgetRejectedOlderThan(java.time.Duration age) {
        return jdbc.sql("delete from payment_notification where verdict = 'REJECTED' and received_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(age))).update();
    }

    @Override
    public Receipt receiveAndJudge(ChannelId channelId, PaymentChannel.Inbound notification, boolean keepRejected) {
        PaymentChannel channel = channels.find(channelId)
                .orElseThrow(() -> new IllegalArgumentException("no such channel: " + channelId));
        PaymentChannel.Notice notice = null;
        if (!keepRejected) {
            try {
                notice = channel.read(notification);
            } catch (RuntimeException e) {
                notice = new PaymentChannel.Notice.Rejected("unreadable");
            }
            if (notice instanceof PaymentChannel.Notice.Rejected) {
                return new Receipt(channel.reply(false), Verdict.REJECTED);
            }
        }
        long id = keep(channelId, notification);
        Outcome outcome;
        try {
            outcome = apply(channelId, notice != null ? notice : channel.read(notification));
        } catch (org.springframework.dao.DataAccessException e) {
            // our database failed, not the notification: the channel is asked to send it again, no alert
            log.warn("A {} notification (#{}) could not be applied now: {}", channelId, id, e.getClass().getSimpleName());
            return new Receipt(channel.reply(false), null);
        } catch (RuntimeException e) {
            log.warn("A {} notification (#{}) could not be read: {}", channelId, id, e.getClass().getSimpleName());
            outcome = new Outcome(Verdict.REJECTED, null, "unreadable");
        }
        jdbc.sql("update payment_notification set verdict = :verdict, order_no = :order, detail = :detail where id = :id")
                .param("verdict", outcome.verdict().name())
                .param("order", outcome.order() == null ? null : outcome.order().value())
                .param("detail", shorten(outcome.detail())).param("id", id).update();
        if (outcome.verdict() == Verdict.REJECTED || outcome.verdict() == Verdict.MISMATCH) {
            log.warn("Payment alert: {} notification #{} {} ({})", channelId, id, outcome.verdict(), outcome.detail());
            events.publishEvent(new PaymentAlert(channelId, outcome.order(), outcome.verdict(), outcome.detail(), id));
        }
        return new Receipt(channel.reply(outcome.accepted()), outcome.verdict());
    }

    private long keep(ChannelId channel, PaymentChannel.Inbound notification) {
        // only what the channels' signatures and our tracing need: no cookies, no forwarding addresses
        String headers = new TreeMap<>(notification.headers()).entrySet().stream()
                .filter(h -> h.getKey().startsWith("wechatpay-") || h.getKey().equals("content-type")
                        || h.getKey().equals("request-id"))
                .map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n"));
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into payment_notification (channel, received_at, headers, body)
                        values (:channel, :at, :headers, :body)""")
                .param("channel", channel.name()).param("at", Timestamp.from(clock.instant()))
                .param("headers", headers).param("body", notification.body() == null ? "" : notification.body())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private Outcome apply(ChannelId channel, Notice notice) {
        return switch (notice) {
            case Notice.Rejected rejected -> new Outcome(Verdict.REJECTED, null, rejected.reason());
            case Notice.Payment payment -> payment(channel, payment);
            case Notice.Refund refund -> refund(refund);
            case Notice.Informational info -> new Outcome(Verdict.IGNORED, orders.find(info.order())
                    .map(PaymentOrder::no).orElse(null), info.what());
        };
    }

    private Outcome payment(ChannelId channel, Notice.Payment payment) {
        Optional<PaymentOrder> order = orders.find(payment.order());
        if (order.isEmpty()) {
            return new Outcome(Verdict.MISMATCH, null, "unknown order " + payment.order().value());
        }
        OrderNo no = payment.order();
        if (!payment.succeeded()) {
            if (order.get().channel() != channel) {
                return new Outcome(Verdict.IGNORED, no, "failure from a channel the order no longer uses");
            }
            return switch (orders.markFailed(no, channel, channel + " reports the payment failed")) {
                case Transition.Moved moved -> new Outcome(Verdict.APPLIED, no, "failed");
                case Transition.AlreadyThere there -> new Outcome(Verdict.DUPLICATE, no, "failed already");
                case Transition.Refused refused -> new Outcome(Verdict.IGNORED, no, "failure notice for an order "
                        + order.get().state());
            };
        }
        if (order.get().channel() != null && order.get().channel() != channel && payment.amountFen() > 0
                && payment.channelTradeNo() != null) {
            // paid through a channel the order no longer uses: not the order's money, it goes back
            return strays.record(order.get(), channel, payment.channelTradeNo(), payment.amountFen())
                    .map(refundNo -> new Outcome(Verdict.MISMATCH, no, "paid at " + channel + " though the order is with "
                            + order.get().channel() + ": returned automatically as " + refundNo))
                    .orElseGet(() -> new Outcome(Verdict.DUPLICATE, no, "stray payment known already"));
        }
        return switch (orders.markPaid(no, channel, payment.channelTradeNo(), payment.amountFen(),
                payment.statementDay())) {
            case Transition.Moved moved -> new Outcome(Verdict.APPLIED, no, "paid ¥" + Yuan.of(payment.amountFen()));
            case Transition.AlreadyThere there -> new Outcome(Verdict.DUPLICATE, no, "paid already");
            case Transition.Refused refused -> new Outcome(Verdict.MISMATCH, no, refused.problem().code()
                    + ": channel says ¥" + Yuan.of(payment.amountFen()) + " paid, order is ¥"
                    + Yuan.of(order.get().amountFen())
                    + " " + order.get().state());
        };
    }

    private Outcome refund(Notice.Refund notice) {
        Optional<OrderBook.Refund> refund = orders.refund(notice.refundNo());
        Optional<PaymentOrder> order = orders.find(notice.order());
        Optional<StrayPayments.Stray> stray = refund.isEmpty() ? strays.byRefundNo(notice.refundNo()) : Optional.empty();
        if (stray.isPresent() && order.isPresent() && stray.get().order().equals(notice.order())) {
            boolean changed = strays.settle(order.get(), notice.refundNo(), notice.succeeded(),
                    notice.succeeded() ? null : "the channel refused it");
            return new Outcome(changed ? Verdict.APPLIED : Verdict.DUPLICATE, notice.order(),
                    "stray payment " + (notice.succeeded() ? "returned " : "not returned ") + notice.refundNo());
        }
        if (refund.isEmpty()) {
            // a refund we have not heard of: early if its order is not paid here yet, otherwise not ours
            boolean early = order.isPresent() && order.get().state() != OrderState.PAID;
            return new Outcome(early ? Verdict.DEFERRED : Verdict.MISMATCH, order.map(PaymentOrder::no).orElse(null),
                    (early ? "refund notice before the payment: " : "unknown refund ") + notice.refundNo());
        }
        if (!refund.get().order().equals(notice.order())
                || notice.amountFen() != null && refund.get().amountFen() != notice.amountFen()) {
            return new Outcome(Verdict.MISMATCH, refund.get().order(), "refund " + notice.refundNo()
                    + " does not match: " + notice.amountFen() + " for " + notice.order().value());
        }
        Transition result = notice.succeeded() ? orders.markRefunded(notice.refundNo(), notice.statementDay())
                : orders.markRefundFailed(notice.refundNo(), "the channel refused it", true);
        return switch (result) {
            case Transition.Moved moved -> new Outcome(Verdict.APPLIED, notice.order(),
                    (notice.succeeded() ? "refunded " : "refund failed ") + notice.refundNo());
            case Transition.AlreadyThere there -> new Outcome(Verdict.DUPLICATE, notice.order(),
                    "refund " + notice.refundNo() + " settled already");
            case Transition.Refused refused -> new Outcome(Verdict.MISMATCH, notice.order(),
                    "refund " + notice.refundNo() + ": " + refused.problem().code());
        };
    }

    @Override
    public List<Received> ofOrder(OrderNo order) {
        return jdbc.sql(SELECT + " where order_no = :order order by id").param("order", order.value())
                .query(NotificationDesk::received).list();
    }

    @Override
    public List<VerdictCount> verdictCounts(int latest) {
        return jdbc.sql("""
                        select channel, verdict, count(*) from
                          (select channel, verdict from payment_notification order by id desc limit :latest) latest
                        where verdict is not null group by channel, verdict order by channel, verdict""")
                .param("latest", Math.clamp(latest, 1, 100_000))
                .query((rs, n) -> new VerdictCount(ChannelId.valueOf(rs.getString(1)), Verdict.valueOf(rs.getString(2)),
                        rs.getLong(3)))
                .list();
    }

    @Override
    public List<Received> alerts(int limit) {
        return jdbc.sql(SELECT + " where verdict in ('REJECTED', 'MISMATCH') order by id desc limit :limit")
                .param("limit", Math.clamp(limit, 1, 500)).query(NotificationDesk::received).list();
    }

    private static final String SELECT = "select id, channel, received_at, verdict, order_no, detail, body "
            + "from payment_notification";

    private static Received received(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String verdict = rs.getString("verdict");
        String order = rs.getString("order_no");
        return new Received(rs.getLong("id"), ChannelId.valueOf(rs.getString("channel")),
                rs.getTimestamp("received_at").toInstant(), verdict == null ? null : Verdict.valueOf(verdict),
                order == null ? null : new OrderNo(order), rs.getString("detail"), rs.getString("body"));
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
