package org.citycard.payment.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Scene;

/**
 * How orders move, inside the payment module: checkout, notifications, the janitor and refunds drive these. Every
 * transition is a guarded update on the state it expects and is written to the order's timeline; a duplicate message
 * (a retried notification) finds the order already there and changes nothing; refunds never add up to more than was
 * paid. A transition given the order as its caller read it does not read it again.
 */
public interface OrderBook extends PaymentOrders {

    /** The citizen chose a channel and the channel accepted the prepay. */
    Transition startPaying(OrderNo no, ChannelId channel, Scene scene);

    /** As {@link #startPaying(OrderNo, ChannelId, Scene)}, from the order as just read. */
    Transition startPaying(PaymentOrder seen, ChannelId channel, Scene scene);

    /**
     * Keeps what the channel gave the citizen to confirm the paying order with, so that asking again with the same
     * channel and scene shows the same instead of a second prepay at the channel.
     */
    void rememberPrepay(OrderNo no, ChannelId channel, Scene scene, Map<String, String> clientParameters);

    /** What {@link #rememberPrepay} kept for this channel and scene, while the order is still paying with them. */
    Optional<Map<String, String>> rememberedPrepay(OrderNo no, ChannelId channel, Scene scene);

    /** The channel says it is paid; believed only if the amount and channel match the order. */
    Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen);

    /**
     * As {@link #markPaid(OrderNo, ChannelId, String, long)}, remembering which day's statement of the channel will
     * carry the payment (null: the day it is marked paid, China time), the day reconciliation looks for it.
     */
    Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen, LocalDate statementDay);

    /** As {@link #markPaid(OrderNo, ChannelId, String, long, LocalDate)}, from the order as just read. */
    Transition markPaid(PaymentOrder seen, ChannelId channel, String channelTradeNo, long amountFen,
                        LocalDate statementDay);

    Transition markFailed(OrderNo no, String reason);

    /** Fails the order only while it is still paying with {@code channel} (not after the citizen switched). */
    Transition markFailed(OrderNo no, ChannelId channel, String reason);

    Transition close(OrderNo no, String reason);

    /** Closes the order only while it is still with {@code channel}. */
    Transition close(OrderNo no, ChannelId channel, String reason);

    /** Closes every order past its expiry that never reached a channel; returns how many. */
    int closeExpired(Instant now);

    RefundRequest requestRefund(OrderNo no, long amountFen, String reason, String actor);

    /**
     * A refund that waits for a second person's approval before it goes to the channel when the order's refunds
     * would then add up to more than {@code approvalAboveFen} (decided under the order's lock, so neither splitting
     * nor two requests at once avoid it).
     */
    RefundRequest requestRefund(OrderNo no, long amountFen, String reason, String actor, long approvalAboveFen);

    /**
     * A refund finance returned by hand (never sent to a channel, never on a channel's statement): as any refund for
     * the order, but always waiting for a second officer.
     */
    RefundRequest requestRefundByHand(OrderNo no, long amountFen, String reason, String actor);

    /** The second person approves: the refund may now go to the channel. Never the requester. */
    Transition approveRefund(String refundNo, String approver);

    Transition rejectRefund(String refundNo, String approver);

    /** The channel confirmed the refund; a duplicate confirmation changes nothing. */
    Transition markRefunded(String refundNo);

    /** As {@link #markRefunded(String)}, with the day of the channel's statement that carries it, as for payments. */
    Transition markRefunded(String refundNo, LocalDate statementDay);

    /**
     * The refund did not go: the amount becomes refundable again. {@code byChannel}: the channel refused it (the
     * citizen is still owed it), rather than a purpose that could not set the money aside.
     */
    Transition markRefundFailed(String refundNo, String reason, boolean byChannel);

    /** Refunds a channel refused that nobody has followed up, oldest first. */
    List<Refund> refusedRefunds(int limit);

    /** Records what finance did about a refused refund; false if it is not one, or was followed up already. */
    boolean followUp(String refundNo, String followUp, String actor);

    /** Takes back a follow-up that came to nothing (asking again was refused before any refund was written). */
    void withdrawFollowUp(String refundNo, String followUp);

    /**
     * The refused refund was asked again as {@code retryNo}. Should a second officer reject {@code retryNo}, the refused
     * refund is owed again: {@link #rejectRefund} takes its follow-up back.
     */
    void retriedAs(String refundNo, String retryNo);

    Optional<Refund> refund(String refundNo);

    List<Refund> refunds(OrderNo no);

    /** Refunds waiting for a second person, oldest first. */
    List<Refund> refundsAwaitingApproval(int limit);

    /** Refunds still to happen (waiting for approval, or on their way) of a citizen's orders for a purpose kind. */
    List<Refund> openRefunds(CitizenId citizen, String purposeKind);

    /**
     * Orders in paying that have been quiet for {@code quietFor}, or are past their expiry: the janitor asks their
     * channel about them.
     */
    List<PaymentOrder> stuckPaying(Instant now, Duration quietFor, int limit);

    /** Refunds still waiting for their channel since before {@code before}: the janitor asks again. */
    List<Refund> pendingRefunds(Instant before, int limit);

    sealed interface Transition {
        record Moved(PaymentOrder order) implements Transition {
        }

        /** The order was already there (a duplicate): nothing changed, and that is fine. */
        record AlreadyThere(PaymentOrder order) implements Transition {
        }

        record Refused(Problem problem) implements Transition {
        }
    }

    sealed interface RefundRequest {
        record Requested(String refundNo, PaymentOrder order, boolean awaitingApproval) implements RefundRequest {
        }

        record Refused(Problem problem) implements RefundRequest {
        }
    }
}
