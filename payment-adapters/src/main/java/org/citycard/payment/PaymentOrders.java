package org.citycard.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.citycard.card.CitizenId;

/**
 * Orders, as the modules behind purposes and the front ends see them: a module creates an order for its purpose and
 * reads it back; paying is {@link Checkout}'s, giving money back {@link Refunds}'. How an order moves (notifications,
 * the janitor, refunds settling) stays inside the payment module. The purpose learns the outcome from events:
 * {@link PaymentSucceeded}, {@link PaymentEnded}, {@link RefundSucceeded}, {@link RefundFailed}.
 */
public interface PaymentOrders {

    Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    /**
     * The most one order may be (1,000,000 yuan): a purpose that can owe more (a hospital's charge, a parking stay)
     * refuses it in its own words before asking for an order, so that the payer hears why.
     */
    long MAX_AMOUNT_FEN = 100_000_000;

    /**
     * A new order; the same idempotency key from the same citizen returns the first order. A key of any length is
     * taken (a purpose puts its own prefix before the client's key); one longer than 100 characters is kept as its
     * SHA-256.
     */
    Creation create(CitizenId citizen, Purpose purpose, long amountFen, String subject, String idempotencyKey);

    Optional<PaymentOrder> find(OrderNo no);

    /** The citizen's own order; anyone else's number is simply not found. */
    Optional<PaymentOrder> find(CitizenId citizen, OrderNo no);

    List<PaymentOrder> ofCitizen(CitizenId citizen, int limit);

    /** For finance staff: the newest orders matching every filter given (null means any). */
    List<PaymentOrder> search(OrderNo no, OrderState state, ChannelId channel, int limit);

    /** Every move of the order, oldest first. */
    List<Step> timeline(OrderNo no);

    /**
     * Payments of this order through a channel it no longer used (an old code paid after switching), each going
     * back through that channel automatically: returning, returned, or failed (finance acts).
     */
    List<Returned> returned(OrderNo no);

    record Returned(ChannelId channel, long amountFen, String refundNo, RefundState state) {
    }

    /**
     * {@code failure}: why a failed refund failed (null otherwise); {@code refusedByChannel}: the channel said no (not a
     * purpose); {@code followUp}: what finance did about a refused one (asked again, or returned it by hand), null
     * until then; {@code byHand}: this refund is money finance returned outside any channel.
     */
    record Refund(String refundNo, OrderNo order, long amountFen, String reason, RefundState state,
                  String requestedBy, Instant requestedAt, Instant decidedAt, String failure, boolean refusedByChannel,
                  String followUp, boolean byHand) {
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

    enum Problem {
        BAD_AMOUNT, BAD_SUBJECT, KEY_REUSED, UNKNOWN_ORDER, WRONG_STATE, AMOUNT_MISMATCH, CHANNEL_MISMATCH,
        NOT_PAID, REFUND_TOO_LARGE, REASON_REQUIRED, REASON_INVALID, UNKNOWN_REFUND, REFUND_NOT_ALLOWED, SAME_PERSON;

        public String code() {
            return "payment." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
