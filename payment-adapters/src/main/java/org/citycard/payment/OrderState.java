package org.citycard.payment;

import java.util.Set;

/**
 * An order's state: created → paying → paid, failed or closed (expired or cancelled). A payment the channel
 * reports after we closed the order is still money taken from the citizen: closed → paid is allowed, and the
 * purpose is fulfilled (or refunded) like any other payment.
 */
public enum OrderState {
    CREATED, PAYING, PAID, FAILED, CLOSED;

    public Set<OrderState> next() {
        return switch (this) {
            case CREATED -> Set.of(PAYING, PAID, FAILED, CLOSED);
            // PAYING → PAYING: the citizen picks another channel (the previous one's prepay is abandoned)
            case PAYING -> Set.of(PAYING, PAID, FAILED, CLOSED);
            case CLOSED -> Set.of(PAID);
            case PAID, FAILED -> Set.of();
        };
    }

    public boolean open() {
        return this == CREATED || this == PAYING;
    }
}
