package org.citycard.payment;

import java.util.Optional;

/**
 * What the module behind a purpose says about giving money back (a top-up already spent from the wallet cannot
 * be refunded). The payment module asks every policy before a refund and knows none of the purposes.
 */
public interface RefundPolicy {

    /**
     * Empty to allow the refund; otherwise the reason it is refused, as a stable code. {@code refundNo} is null for
     * a refund being asked for, and the refund's own number when one waiting for approval is approved.
     */
    Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo);

    /**
     * Sets the refund's money aside just before the channel is asked, so that it cannot be spent while the refund
     * is on its way; empty when done (or nothing needs holding), otherwise the reason the refund cannot go. A
     * {@link RefundSucceeded} then takes what was held, a {@link RefundFailed} gives it back. Repeating it for the
     * same refund holds once.
     */
    default Optional<String> hold(PaymentOrder order, String refundNo, long amountFen) {
        return Optional.empty();
    }
}
