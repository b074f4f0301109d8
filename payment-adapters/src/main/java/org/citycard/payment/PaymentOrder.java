package org.citycard.payment;

import java.time.Instant;

import org.citycard.card.CitizenId;

/** A payment order as it stands; {@code channel} and {@code scene} are empty until the citizen picks them. */
public record PaymentOrder(OrderNo no, CitizenId citizen, Purpose purpose, long amountFen, String subject,
                           ChannelId channel, Scene scene, OrderState state, String channelTradeNo, Instant createdAt,
                           Instant expiresAt, Instant paidAt, long refundedFen) {

    /** What can still be refunded. */
    public long refundableFen() {
        return state == OrderState.PAID ? amountFen - refundedFen : 0;
    }
}
