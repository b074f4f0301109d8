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
}
