package org.citycard.payment;

import org.citycard.card.CitizenId;

/** A refund did not go through at the channel (refused, closed, or declined): what was set aside for it goes back. */
public record RefundFailed(String refundNo, OrderNo order, CitizenId citizen, Purpose purpose, long amountFen,
                           ChannelId channel) {
}
