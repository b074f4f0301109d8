package org.citycard.payment;

import org.citycard.card.CitizenId;

/** A refund went through at the channel. */
public record RefundSucceeded(String refundNo, OrderNo order, CitizenId citizen, Purpose purpose, long amountFen,
                              ChannelId channel) {
}
