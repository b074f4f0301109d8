package org.citycard.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.kernel.FormFields;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentEnded;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.citycard.payment.RefundFailed;
import org.citycard.payment.RefundSucceeded;
import org.citycard.payment.Scene;
import org.citycard.kernel.FreeText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders on JDBC. Each transition is {@code UPDATE … WHERE state IN (the states it may come from)}: of two
 * notifications at once one moves the order and the other finds it already there. Refunds lock the order row,
 * so their sum never passes what was paid (the database checks it too). Events are published in the same
 * transaction as the change they announce.
 */
@Service
@Transactional
class JdbcPaymentOrders implements OrderBook {

    private static final java.time.ZoneId CHINA = org.citycard.payment.StatementDays.CHINA;
    private static final java.time.format.DateTimeFormatter REFUND_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyMMddHHmmss").withZone(CHINA);

    private static final String COLUMNS = """
            order_no, citizen_id, purpose_kind, purpose_ref, amount, subject, channel, scene, state, channel_trade_no,
            created_at, expires_at, paid_at, refunded""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    JdbcPaymentOrders(JdbcClient jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Creation create(CitizenId citizen, Purpose purpose, long amountFen, String subject, String idempotencyKey) {
        if (amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) {
            return new Creation.Refused(Problem.BAD_AMOUNT);
        }
        if (subject == null || subject.isBlank() || subject.length() > 128) {
            return new Creation.Refused(Problem.BAD_SUBJECT);
        }
        String given = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : idempotencyKey.strip();
        // the column's width: a purpose's prefix and a client's 64 characters may go beyond it
        String key = given.length() > 100 ? "sha256:" + sha256(given) : given;
        try {
            return transactions.execute(status -> earlier(citizen, key, purpose, amountFen)
                    .orElseGet(() -> insert(citizen, purpose, amountFen, subject.strip(), key)));
        } catch (DuplicateKeyException e) {
            // the same request arrived twice at once; the first one's order is the answer
            return transactions.execute(status -> earlier(citizen, key, purpose, amountFen).orElseThrow(() -> e));
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Optional<Creation> earlier(CitizenId citizen, String key, Purpose purpose, long amountFen) {
        return jdbc.sql("select " + COLUMNS + " from payment_order where citizen_id = :citizen and idempotency_key = :key")
                .param("citizen", citizen.value()).param("key", key).query(JdbcPaymentOrders::order).optional()
                .map(order -> order.amountFen() == amountFen && order.purpose().equals(purpose)
                        ? new Creation.Existing(order) : new Creation.Refused(Problem.KEY_REUSED));
    }

    private Creation insert(CitizenId citizen, Purpose purpose, long amountFen, String subject, String key) {
        Instant now = clock.instant();
        OrderNo no = OrderNo.next(now);
        jdbc.sql("""
                        insert into payment_order (order_no, citizen_id, purpose_kind, purpose_ref, amount, subject, state,
                                                   idempotency_key, created_at, expires_at)
                        values (:no, :citizen, :kind, :ref, :amount, :subject, 'CREATED', :key, :now, :expires)""")
                .param("no", no.value()).param("citizen", citizen.value()).param("kind", purpose.kind())
                .param("ref", purpose.reference()).param("amount", amountFen).param("subject", subject)
                .param("key", key).param("now", ts(now)).param("expires", ts(now.plus(DEFAULT_EXPIRY)))
                .update();
        timeline(no, null, OrderState.CREATED, null);
        return new Creation.Created(find(no).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentOrder> find(OrderNo no) {
        return jdbc.sql("select " + COLUMNS + " from payment_order where order_no = :no").param("no", no.value())
                .query(JdbcPaymentOrders::order).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentOrder> find(CitizenId citizen, OrderNo no) {
        return find(no).filter(order -> order.citizen().equals(citizen));
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentOrder> ofCitizen(CitizenId citizen, int limit) {
        return jdbc.sql("select " + COLUMNS + " from payment_order where citizen_id = :citizen "
                        + "order by created_at desc limit :limit")
                .param("citizen", citizen.value()).param("limit", Math.clamp(limit, 1, 200))
                .query(JdbcPaymentOrders::order).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentOrder> search(OrderNo no, OrderState state, ChannelId channel, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from payment_order where 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (no != null) {
            sql.append(" and order_no = :no");
            params.put("no", no.value());
        }
        if (state != null) {
            sql.append(" and state = :state");
            params.put("state", state.name());
        }
        if (channel != null) {
            sql.append(" and channel = :channel");
            params.put("channel", channel.name());
        }
        params.put("limit", Math.clamp(limit, 1, 500));
        return jdbc.sql(sql + " order by created_at desc limit :limit").params(params)
                .query(JdbcPaymentOrders::order).list();
    }

    @Override
    public Transition startPaying(OrderNo no, ChannelId channel, Scene scene) {
        return find(no).map(seen -> startPaying(seen, channel, scene))
                .orElseGet(() -> new Transition.Refused(Problem.UNKNOWN_ORDER));
    }

    @Override
    public Transition startPaying(PaymentOrder seen, ChannelId channel, Scene scene) {
        // what was kept for another channel or scene is gone; for the same, a second tap must not wipe the first's
        return move(seen, OrderState.PAYING, "prepay_parameters = case when channel = :channel and scene = :scene "
                        + "then prepay_parameters end, channel = :channel, scene = :scene",
                java.util.Map.of("channel", channel.name(), "scene", scene.name()), channel + " " + scene, "",
                (o, now) -> new PaymentOrder(o.no(), o.citizen(), o.purpose(), o.amountFen(), o.subject(), channel,
                        scene, OrderState.PAYING, o.channelTradeNo(), o.createdAt(), o.expiresAt(), o.paidAt(),
                        o.refundedFen()));
    }

    @Override
    public void rememberPrepay(OrderNo no, ChannelId channel, Scene scene, java.util.Map<String, String> clientParameters) {
        String encoded = FormFields.encode(clientParameters);
        if (encoded.length() > 4000) {
            return;
        }
        jdbc.sql("""
                        update payment_order set prepay_parameters = :kept
                        where order_no = :no and state = 'PAYING' and channel = :channel and scene = :scene""")
                .param("kept", encoded).param("no", no.value()).param("channel", channel.name())
                .param("scene", scene.name()).update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<java.util.Map<String, String>> rememberedPrepay(OrderNo no, ChannelId channel, Scene scene) {
        return jdbc.sql("""
                        select prepay_parameters from payment_order
                        where order_no = :no and state = 'PAYING' and channel = :channel and scene = :scene""")
                .param("no", no.value()).param("channel", channel.name()).param("scene", scene.name())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(kept -> kept)
                .map(FormFields::decode);
    }

    // declared here, not as interface defaults, so that the class's @Transactional covers them
    @Override
    public Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen) {
        return markPaid(no, channel, channelTradeNo, amountFen, null);
    }

    @Override
    public Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen,
                               java.time.LocalDate statementDay) {
        return find(no).map(seen -> markPaid(seen, channel, channelTradeNo, amountFen, statementDay))
                .orElseGet(() -> new Transition.Refused(Problem.UNKNOWN_ORDER));
    }

    @Override
    public Transition markPaid(PaymentOrder seen, ChannelId channel, String channelTradeNo, long amountFen,
                               java.time.LocalDate statementDay) {
        if (seen.amountFen() != amountFen) {
            return new Transition.Refused(Problem.AMOUNT_MISMATCH);
        }
        if (seen.channel() != null && seen.channel() != channel) {
            return new Transition.Refused(Problem.CHANNEL_MISMATCH);
        }
        Transition moved = move(seen, OrderState.PAID,
                "channel = :channel, channel_trade_no = :trade, paid_at = :now, statement_day = :statementDay",
                java.util.Map.of("channel", channel.name(), "trade", channelTradeNo,
                        "statementDay", java.sql.Date.valueOf(statementDay(statementDay))), channelTradeNo, "",
                (o, now) -> new PaymentOrder(o.no(), o.citizen(), o.purpose(), o.amountFen(), o.subject(), channel,
                        o.scene(), OrderState.PAID, channelTradeNo, o.createdAt(), o.expiresAt(), now,
                        o.refundedFen()));
        if (moved instanceof Transition.Moved paid) {
            PaymentOrder o = paid.order();
            events.publishEvent(new PaymentSucceeded(o.no(), o.citizen(), o.purpose(), o.amountFen(), channel));
        }
        return moved;
    }

    @Override
    public Transition markFailed(OrderNo no, String reason) {
        return move(no, OrderState.FAILED, null, java.util.Map.of(), reason);
    }

    @Override
    public Transition close(OrderNo no, String reason) {
        return move(no, OrderState.CLOSED, null, java.util.Map.of(), reason);
    }

    @Override
    public Transition markFailed(OrderNo no, ChannelId channel, String reason) {
        return move(no, OrderState.FAILED, null, java.util.Map.of("expected", channel.name()), reason,
                " and channel = :expected");
    }

    @Override
    public Transition close(OrderNo no, ChannelId channel, String reason) {
        return move(no, OrderState.CLOSED, null, java.util.Map.of("expected", channel.name()), reason,
                " and channel = :expected");
    }

    @Override
    public int closeExpired(Instant now) {
        List<OrderNo> expired = jdbc.sql("""
                        select order_no from payment_order where state = 'CREATED' and expires_at <= :now""")
                .param("now", ts(now)).query((rs, n) -> new OrderNo(rs.getString(1))).list();
        int closed = 0;
        for (OrderNo no : expired) {
            closed += close(no, "expired") instanceof Transition.Moved ? 1 : 0;
        }
        return closed;
    }

    @Override
    public RefundRequest requestRefund(OrderNo no, long amountFen, String reason, String actor) {
        return requestRefund(no, amountFen, reason, actor, Long.MAX_VALUE);
    }

    @Override
    public RefundRequest requestRefund(OrderNo no, long amountFen, String reason, String actor, long approvalAboveFen) {
        return requestRefund(no, amountFen, reason, actor, approvalAboveFen, false);
    }

    @Override
    public RefundRequest requestRefundByHand(OrderNo no, long amountFen, String reason, String actor) {
        return requestRefund(no, amountFen, reason, actor, -1, true);
    }

    private RefundRequest requestRefund(OrderNo no, long amountFen, String reason, String actor, long approvalAboveFen,
                                        boolean byHand) {
        FreeText.Checked reasonText = FreeText.line("reason", reason, 200);
        if (reasonText instanceof FreeText.Checked.Refused) {
            return new RefundRequest.Refused(Problem.REASON_INVALID);
        }
        if (((FreeText.Checked.Clean) reasonText).isEmpty()) {
            return new RefundRequest.Refused(Problem.REASON_REQUIRED);
        }
        reason = ((FreeText.Checked.Clean) reasonText).text();
        // the order's row lock serialises refunds of one order
        Optional<PaymentOrder> order = jdbc.sql("select " + COLUMNS + " from payment_order where order_no = :no for update")
                .param("no", no.value()).query(JdbcPaymentOrders::order).optional();
        if (order.isEmpty()) {
            return new RefundRequest.Refused(Problem.UNKNOWN_ORDER);
        }
        if (order.get().state() != OrderState.PAID) {
            return new RefundRequest.Refused(Problem.NOT_PAID);
        }
        long pending = jdbc.sql("select coalesce(sum(amount), 0) from payment_refund "
                        + "where order_no = :no and state in ('REQUESTED', 'AWAITING_APPROVAL')")
                .param("no", no.value()).query(Long.class).single();
        if (amountFen <= 0 || amountFen > order.get().refundableFen() - pending) {
            return new RefundRequest.Refused(Problem.REFUND_TOO_LARGE);
        }
        RefundState state = order.get().refundedFen() + pending + amountFen > approvalAboveFen
                ? RefundState.AWAITING_APPROVAL : RefundState.REQUESTED;
        // RF, the request's own time to the second (China time), 12 random digits: a channel that names a
        // transaction by number and time (UnionPay) can send and query it again with the same time
        String refundNo = newRefundNo(clock);
        jdbc.sql("""
                        insert into payment_refund (refund_no, order_no, amount, reason, state, requested_by, requested_at,
                                                    by_hand)
                        values (:refund, :no, :amount, :reason, :state, :actor, :now, :byHand)""")
                .param("refund", refundNo).param("no", no.value()).param("amount", amountFen).param("byHand", byHand)
                .param("reason", reason.strip()).param("state", state.name()).param("actor", actor).param("now", ts(clock.instant()))
                .update();
        timeline(no, OrderState.PAID, OrderState.PAID, "refund " + refundNo + (byHand ? " by hand" : "")
                + " requested: ¥" + org.citycard.payment.Yuan.of(amountFen)
                + (state == RefundState.AWAITING_APPROVAL ? ", awaiting a second officer" : ""));
        return new RefundRequest.Requested(refundNo, order.get(), state == RefundState.AWAITING_APPROVAL);
    }

    @Override
    public Transition approveRefund(String refundNo, String approver) {
        return decide(refundNo, approver, RefundState.REQUESTED, "approved by " + approver);
    }

    @Override
    public Transition rejectRefund(String refundNo, String approver) {
        Transition rejected = decide(refundNo, approver, RefundState.REJECTED, "rejected by " + approver);
        if (rejected instanceof Transition.Moved) {
            owedAgain(refundNo);
        }
        return rejected;
    }

    /** A refused refund followed up by this one, which came to nothing, is owed again: back on finance's list. */
    private void owedAgain(String followUpNo) {
        jdbc.sql("""
                        update payment_refund set follow_up = null, followed_up_by = null, followed_up_at = null,
                               retried_as = null
                        where retried_as = :no and state = 'FAILED'""").param("no", followUpNo).update();
    }

    /** Four eyes: only from AWAITING_APPROVAL, and never by the person who asked (the database checks both). */
    private Transition decide(String refundNo, String approver, RefundState to, String detail) {
        Optional<Refund> refund = refund(refundNo);
        if (refund.isEmpty()) {
            return new Transition.Refused(Problem.UNKNOWN_REFUND);
        }
        if (refund.get().requestedBy().equals(approver)) {
            return new Transition.Refused(Problem.SAME_PERSON);
        }
        int updated = jdbc.sql("""
                        update payment_refund set state = :to, approved_by = :approver, approved_at = :now,
                               decided_at = case when :to = 'REJECTED' then :now else decided_at end
                        where refund_no = :no and state = 'AWAITING_APPROVAL' and requested_by <> :approver""")
                .param("to", to.name()).param("approver", approver).param("now", ts(clock.instant()))
                .param("no", refundNo).update();
        PaymentOrder order = find(refund.get().order()).orElseThrow();
        if (updated == 0) {
            return new Transition.Refused(Problem.WRONG_STATE);
        }
        timeline(order.no(), order.state(), order.state(), "refund " + refundNo + " " + detail);
        return new Transition.Moved(order);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> refundsAwaitingApproval(int limit) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment_refund where state = 'AWAITING_APPROVAL' "
                        + "order by requested_at limit :limit")
                .param("limit", Math.clamp(limit, 1, 500)).query(JdbcPaymentOrders::refundRow).list();
    }

    @Override
    public Transition markRefunded(String refundNo) {
        return markRefunded(refundNo, null);
    }

    @Override
    public Transition markRefunded(String refundNo, java.time.LocalDate statementDay) {
        record Row(OrderNo order, long amount, String state, boolean followedUp, boolean byHand) {
        }
        Optional<Row> refund = jdbc.sql("select order_no, amount, state, follow_up, by_hand from payment_refund"
                        + " where refund_no = :no")
                .param("no", refundNo)
                .query((rs, n) -> new Row(new OrderNo(rs.getString(1)), rs.getLong(2), rs.getString(3),
                        rs.getString(4) != null, rs.getBoolean(5))).optional();
        if (refund.isEmpty()) {
            return new Transition.Refused(Problem.UNKNOWN_REFUND);
        }
        // the order's row lock serialises this with refund requests, so the total can be checked
        PaymentOrder order = jdbc.sql("select " + COLUMNS + " from payment_order where order_no = :no for update")
                .param("no", refund.get().order().value()).query(JdbcPaymentOrders::order).single();
        switch (RefundState.valueOf(refund.get().state())) {
            case SUCCEEDED -> {
                return new Transition.AlreadyThere(order);
            }
            case AWAITING_APPROVAL, REJECTED -> {
                // money the channel says it returned, for a refund nobody approved: never apply it quietly
                return new Transition.Refused(Problem.WRONG_STATE);
            }
            case FAILED -> {
                // the channel settled it after all (an "abnormal" refund finished by hand): it counts, if it fits and
                // finance has not already refunded it again or returned it by hand (then it is for finance to see)
                if (order.refundedFen() + refund.get().amount() > order.amountFen() || refund.get().followedUp()) {
                    return new Transition.Refused(Problem.REFUND_TOO_LARGE);
                }
            }
            case REQUESTED -> {
            }
        }
        int updated = jdbc.sql("""
                        update payment_refund set state = 'SUCCEEDED', decided_at = :now, statement_day = :statementDay
                        where refund_no = :no and state in ('REQUESTED', 'FAILED')""")
                .param("now", ts(clock.instant())).param("no", refundNo)
                .param("statementDay", java.sql.Date.valueOf(statementDay(statementDay))).update();
        if (updated == 0) {
            return new Transition.AlreadyThere(order);
        }
        jdbc.sql("update payment_order set refunded = refunded + :amount where order_no = :no")
                .param("amount", refund.get().amount()).param("no", order.no().value()).update();
        timeline(order.no(), OrderState.PAID, OrderState.PAID, "refund " + refundNo + (refund.get().byHand()
                ? " returned by hand" : " succeeded"));
        PaymentOrder after = find(order.no()).orElseThrow();
        events.publishEvent(new RefundSucceeded(refundNo, after.no(), after.citizen(), after.purpose(),
                refund.get().amount(), after.channel(), after.subject(), refund.get().byHand()));
        return new Transition.Moved(after);
    }


    @Override
    public Transition markRefundFailed(String refundNo, String reason, boolean byChannel) {
        Optional<Refund> refund = refund(refundNo);
        if (refund.isEmpty()) {
            return new Transition.Refused(Problem.UNKNOWN_REFUND);
        }
        PaymentOrder order = find(refund.get().order()).orElseThrow();
        int updated = jdbc.sql("""
                        update payment_refund set state = 'FAILED', decided_at = :now, failure = :why,
                               channel_refused = :byChannel
                        where refund_no = :no and state = 'REQUESTED'""")
                .param("now", ts(clock.instant())).param("no", refundNo)
                .param("why", reason == null ? null : reason.substring(0, Math.min(reason.length(), 200)))
                .param("byChannel", byChannel).update();
        if (updated == 0) {
            return refund(refundNo).orElseThrow().state() == RefundState.FAILED ? new Transition.AlreadyThere(order)
                    : new Transition.Refused(Problem.WRONG_STATE);
        }
        timeline(order.no(), order.state(), order.state(), "refund " + refundNo + " failed: " + reason);
        if (!byChannel) {
            // a purpose stopped it (the money was spent meanwhile): what it followed up is owed again, if anything
            owedAgain(refundNo);
        }
        events.publishEvent(new RefundFailed(refundNo, order.no(), order.citizen(), order.purpose(),
                refund.get().amountFen(), order.channel(), byChannel, order.subject()));
        return new Transition.Moved(order);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Returned> returned(OrderNo no) {
        return jdbc.sql("select channel, amount, refund_no, state from payment_stray where order_no = :no order by id")
                .param("no", no.value())
                .query((rs, n) -> new Returned(ChannelId.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3),
                        switch (rs.getString(4)) {
                            case "REFUNDED" -> RefundState.SUCCEEDED;
                            case "FAILED" -> RefundState.FAILED;
                            default -> RefundState.REQUESTED;
                        }))
                .list();
    }

    /** RF, the time to the second (China time), 12 random digits. */
    static String newRefundNo(Clock clock) {
        return "RF" + REFUND_TIME.format(clock.instant()) + "%012d".formatted(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /** The channel's statement day when it said one, otherwise today in China. */
    private java.time.LocalDate statementDay(java.time.LocalDate given) {
        return given != null ? given : java.time.LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private static final String REFUND_COLUMNS = "refund_no, order_no, amount, reason, state, requested_by, requested_at,"
            + " decided_at, failure, channel_refused, follow_up, by_hand";

    @Override
    @Transactional(readOnly = true)
    public Optional<Refund> refund(String refundNo) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment_refund where refund_no = :no")
                .param("no", refundNo).query(JdbcPaymentOrders::refundRow).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> refunds(OrderNo no) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment_refund where order_no = :no order by requested_at")
                .param("no", no.value()).query(JdbcPaymentOrders::refundRow).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> refusedRefunds(int limit) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment_refund where state = 'FAILED' and channel_refused"
                        + " and follow_up is null order by decided_at limit :limit")
                .param("limit", Math.clamp(limit, 1, 500)).query(JdbcPaymentOrders::refundRow).list();
    }

    @Override
    public boolean followUp(String refundNo, String followUp, String actor) {
        return jdbc.sql("""
                        update payment_refund set follow_up = :followUp, followed_up_by = :actor, followed_up_at = :now
                        where refund_no = :no and state = 'FAILED' and channel_refused and follow_up is null""")
                .param("followUp", followUp).param("actor", actor).param("now", ts(clock.instant()))
                .param("no", refundNo).update() == 1;
    }

    @Override
    public void retriedAs(String refundNo, String retryNo) {
        jdbc.sql("update payment_refund set retried_as = :retry, follow_up = follow_up || ' as ' || :retry"
                        + " where refund_no = :no and state = 'FAILED' and follow_up is not null")
                .param("retry", retryNo).param("no", refundNo).update();
    }

    @Override
    public void withdrawFollowUp(String refundNo, String followUp) {
        jdbc.sql("""
                        update payment_refund set follow_up = null, followed_up_by = null, followed_up_at = null
                        where refund_no = :no and follow_up = :followUp""")
                .param("no", refundNo).param("followUp", followUp).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> openRefunds(CitizenId citizen, String purposeKind) {
        return jdbc.sql("select r." + REFUND_COLUMNS.strip().replace(", ", ", r.") + """
                         from payment_refund r join payment_order o on o.order_no = r.order_no
                        where o.citizen_id = :citizen and o.purpose_kind = :kind
                        and r.state in ('REQUESTED', 'AWAITING_APPROVAL')""")
                .param("citizen", citizen.value()).param("kind", purposeKind).query(JdbcPaymentOrders::refundRow).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentOrder> stuckPaying(Instant now, java.time.Duration quietFor, int limit) {
        return jdbc.sql("select " + COLUMNS + " from payment_order o where state = 'PAYING' and (expires_at <= :now "
                        + "or (select max(at) from payment_transition t where t.order_no = o.order_no) < :before) "
                        + "order by created_at limit :limit")
                .param("now", ts(now)).param("before", ts(now.minus(quietFor)))
                .param("limit", Math.clamp(limit, 1, 1000))
                .query(JdbcPaymentOrders::order).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Refund> pendingRefunds(Instant before, int limit) {
        // one returned by hand is never the channel's to settle
        return jdbc.sql("select " + REFUND_COLUMNS + " from payment_refund where state = 'REQUESTED' and not by_hand "
                        + "and requested_at < :before order by requested_at limit :limit")
                .param("before", ts(before)).param("limit", Math.clamp(limit, 1, 1000))
                .query(JdbcPaymentOrders::refundRow).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Step> timeline(OrderNo no) {
        return jdbc.sql("select at, from_state, to_state, detail from payment_transition where order_no = :no order by id")
                .param("no", no.value())
                .query((rs, n) -> new Step(instant(rs, "at"),
                        rs.getString("from_state") == null ? null : OrderState.valueOf(rs.getString("from_state")),
                        OrderState.valueOf(rs.getString("to_state")), rs.getString("detail")))
                .list();
    }

    private static Refund refundRow(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("refund_no"), new OrderNo(rs.getString("order_no")), rs.getLong("amount"),
                rs.getString("reason"), RefundState.valueOf(rs.getString("state")), rs.getString("requested_by"),
                instant(rs, "requested_at"), instant(rs, "decided_at"), rs.getString("failure"),
                rs.getBoolean("channel_refused"), rs.getString("follow_up"), rs.getBoolean("by_hand"));
    }

    /** The guarded move: only from the states that may lead to {@code to}; a repeat finds it already there. */
    private Transition move(OrderNo no, OrderState to, String extraSet, java.util.Map<String, ?> extraParams,
                            String detail) {
        return move(no, to, extraSet, extraParams, detail, "");
    }

    private Transition move(OrderNo no, OrderState to, String extraSet, java.util.Map<String, ?> extraParams,
                            String detail, String guard) {
        return find(no).map(seen -> move(seen, to, extraSet, extraParams, detail, guard, JdbcPaymentOrders::same))
                .orElseGet(() -> new Transition.Refused(Problem.UNKNOWN_ORDER));
    }

    /**
     * The guarded move from the order as the caller read it: the update expects exactly the state it saw, so the
     * order after it is known without reading it again ({@code after} applies the columns set). When someone else
     * moved the order in between, it is read again and the move judged afresh.
     */
    private Transition move(PaymentOrder seen, OrderState to, String extraSet, java.util.Map<String, ?> extraParams,
                            String detail, String guard, java.util.function.BiFunction<PaymentOrder, Instant, PaymentOrder> after) {
        PaymentOrder order = seen;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!order.state().next().contains(to)) {
                return order.state() == to ? new Transition.AlreadyThere(order) : new Transition.Refused(Problem.WRONG_STATE);
            }
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            int updated = jdbc.sql("update payment_order set state = :to" + (extraSet == null ? "" : ", " + extraSet)
                            + " where order_no = :no and state = :seen" + guard)
                    .param("to", to.name()).param("no", order.no().value()).param("seen", order.state().name())
                    .param("now", ts(now)).params(extraParams)
                    .update();
            if (updated == 1) {
                timeline(order.no(), order.state(), to, detail);
                PaymentOrder moved = after.apply(order, now);
                moved = new PaymentOrder(moved.no(), moved.citizen(), moved.purpose(), moved.amountFen(),
                        moved.subject(), moved.channel(), moved.scene(), to, moved.channelTradeNo(), moved.createdAt(),
                        moved.expiresAt(), moved.paidAt(), moved.refundedFen());
                if (to == OrderState.CLOSED || to == OrderState.FAILED) {
                    // the purpose may release what it held for the order
                    events.publishEvent(new PaymentEnded(moved.no(), moved.citizen(), moved.purpose(),
                            moved.amountFen(), to, detail));
                }
                return new Transition.Moved(moved);
            }
            PaymentOrder current = find(order.no()).orElseThrow();
            if (current.state() == order.state()) {
                // the state is as seen: the guard (the expected channel) said no
                return current.state() == to ? new Transition.AlreadyThere(current) : new Transition.Refused(Problem.WRONG_STATE);
            }
            order = current;
        }
        return order.state() == to ? new Transition.AlreadyThere(order) : new Transition.Refused(Problem.WRONG_STATE);
    }

    private static PaymentOrder same(PaymentOrder order, Instant now) {
        return order;
    }

    private void timeline(OrderNo no, OrderState from, OrderState to, String detail) {
        timeline(jdbc, clock, no, from, to, detail);
    }

    /** One line of an order's timeline. */
    static void timeline(JdbcClient jdbc, Clock clock, OrderNo no, OrderState from, OrderState to, String detail) {
        jdbc.sql("""
                        insert into payment_transition (order_no, from_state, to_state, detail, at)
                        values (:no, :from, :to, :detail, :now)""")
                .param("no", no.value()).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("detail", detail == null ? null : detail.length() > 200 ? detail.substring(0, 200) : detail)
                .param("now", ts(clock.instant()))
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static PaymentOrder order(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        String scene = rs.getString("scene");
        Object citizen = rs.getObject("citizen_id");
        return new PaymentOrder(new OrderNo(rs.getString("order_no")),
                new CitizenId(citizen instanceof UUID u ? u : UUID.fromString(citizen.toString())),
                new Purpose(rs.getString("purpose_kind"), rs.getString("purpose_ref")), rs.getLong("amount"),
                rs.getString("subject"), channel == null ? null : ChannelId.valueOf(channel),
                scene == null ? null : Scene.valueOf(scene), OrderState.valueOf(rs.getString("state")),
                rs.getString("channel_trade_no"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "paid_at"), rs.getLong("refunded"));
    }
}
