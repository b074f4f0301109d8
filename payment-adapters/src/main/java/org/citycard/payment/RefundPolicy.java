package org.citycard.payment;

import java.util.Optional;

/**
 * What the module behind a purpose says about giving money back (a top-up already spent from the wallet cannot
 * be refunded). The payment module asks every policy before a refund and knows none of the purposes.
 */
public interface RefundPolicy {

    /** Empty to allow the refund; otherwise the reason it is refused, as a stable code. */
    Optional<String> refusal(PaymentOrder order, long amountFen);
}
