package org.citycard.payment;

import java.util.Set;

/**
 * An order's state: created → paying → paid, failed or closed (expired or cancelled). A payment the channel
 * reports after we closed the order or saw it fail is still money taken from the citizen: closed → paid and
 * failed → paid are allowed, and the purpose is fulfilled (or refunded) like any other payment.
 */
public enum OrderState {
    CREATED, PAYING, PAID, FAILED, CLOSED;

    public Set<OrderState> next() {
        return switch (this) {
            case CREATED -> Set.of(PAYING, PAID, FAILED, CLOSED);
            // PAYING → PAYING: the citizen picks another channel (the previous one's prepay is abandoned)
            case PAYING -> Set.of(PAYING, PAID, FAILED, CLOSED);
            // money the channel took after we gave up on the order is still the citizen's payment
            case CLOSED, FAILED -> Set.of(PAID);
            case PAID -> Set.of();
        };
    }

    public boolean open() {
        return this == CREATED || this == PAYING;
    }
}
