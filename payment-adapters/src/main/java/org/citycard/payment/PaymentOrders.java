package org.citycard.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.citycard.card.CitizenId;

/**
 * The orders' use cases. Every transition is a guarded update on the state it expects and is written to the
 * order's timeline; a duplicate message (a retried notification) finds the order already there and changes
 * nothing; refunds never add up to more than was paid.
 */
public interface PaymentOrders {

    Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    /** A new order; the same idempotency key from the same citizen returns the first order. */
    Creation create(CitizenId citizen, Purpose purpose, long amountFen, String subject, String idempotencyKey);

    Optional<PaymentOrder> find(OrderNo no);

    /** The citizen's own order; anyone else's number is simply not found. */
    Optional<PaymentOrder> find(CitizenId citizen, OrderNo no);

    List<PaymentOrder> ofCitizen(CitizenId citizen, int limit);

    /** For finance staff: the newest orders matching every filter given (null means any). */
    List<PaymentOrder> search(OrderNo no, OrderState state, ChannelId channel, int limit);

    /** The citizen chose a channel and the channel accepted the prepay. */
    Transition startPaying(OrderNo no, ChannelId channel, Scene scene);

    /**
     * Keeps what the channel gave the citizen to confirm the paying order with, so that asking again with the same
     * channel and scene shows the same instead of a second prepay at the channel.
     */
    void rememberPrepay(OrderNo no, ChannelId channel, Scene scene, java.util.Map<String, String> clientParameters);

    /** What {@link #rememberPrepay} kept for this channel and scene, while the order is still paying with them. */
    Optional<java.util.Map<String, String>> rememberedPrepay(OrderNo no, ChannelId channel, Scene scene);

    /** The channel says it is paid; believed only if the amount and channel match the order. */
    Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen);

    /**
     * As {@link #markPaid(OrderNo, ChannelId, String, long)}, remembering which day's statement of the channel will
     * carry the payment (null: the day it is marked paid, China time), the day reconciliation looks for it.
     */
    Transition markPaid(OrderNo no, ChannelId channel, String channelTradeNo, long amountFen,
                        java.time.LocalDate statementDay);

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

    /** The second person approves: the refund may now go to the channel. Never the requester. */
    Transition approveRefund(String refundNo, String approver);

    Transition rejectRefund(String refundNo, String approver);

    /** Refunds waiting for a second person, oldest first. */
    List<Refund> refundsAwaitingApproval(int limit);

    /** The channel confirmed the refund; a duplicate confirmation changes nothing. */
    Transition markRefunded(String refundNo);

    /** As {@link #markRefunded(String)}, with the day of the channel's statement that carries it, as for payments. */
    Transition markRefunded(String refundNo, java.time.LocalDate statementDay);

    /** The channel refused the refund: the amount becomes refundable again. */
    Transition markRefundFailed(String refundNo, String reason);

    Optional<Refund> refund(String refundNo);

    List<Refund> refunds(OrderNo no);

    /** Refunds still to happen (waiting for approval, or on their way) of a citizen's orders for a purpose kind. */
    List<Refund> openRefunds(CitizenId citizen, String purposeKind);

    /**
     * Orders in paying that have been quiet for {@code quietFor}, or are past their expiry: the janitor asks their
     * channel about them.
     */
    List<PaymentOrder> stuckPaying(Instant now, Duration quietFor, int limit);

    /** Refunds still waiting for their channel since before {@code before}: the janitor asks again. */
    List<Refund> pendingRefunds(Instant before, int limit);

    /** Every move of the order, oldest first. */
    List<Step> timeline(OrderNo no);

    /**
     * Payments of this order through a channel it no longer used (an old code paid after switching), each going
     * back through that channel automatically: returning, returned, or failed (finance acts).
     */
    List<Returned> returned(OrderNo no);

    record Returned(ChannelId channel, long amountFen, String refundNo, RefundState state) {
    }

    record Refund(String refundNo, OrderNo order, long amountFen, String reason, RefundState state,
                  String requestedBy, Instant requestedAt, Instant decidedAt) {
    }

    enum RefundState {
        AWAITING_APPROVAL, REQUESTED, SUCCEEDED, FAILED, REJECTED
    }

    /** One line of an order's timeline. */
    record Step(Instant at, OrderState from, OrderState to, String detail) {
    }

    sealed interface Creation {
        record Created(PaymentOrder order) implements Creation {
        }

        record Existing(PaymentOrder order) implements Creation {
        }

        record Refused(Problem problem) implements Creation {
        }
    }

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

    enum Problem {
        BAD_AMOUNT, BAD_SUBJECT, KEY_REUSED, UNKNOWN_ORDER, WRONG_STATE, AMOUNT_MISMATCH, CHANNEL_MISMATCH,
        NOT_PAID, REFUND_TOO_LARGE, REASON_REQUIRED, REASON_INVALID, UNKNOWN_REFUND, REFUND_NOT_ALLOWED, SAME_PERSON;

        public String code() {
            return "payment." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
