package org.citycard.payment;

import org.citycard.card.CitizenId;

/**
 * A refund went through at the channel, or ({@code byHand}) finance returned it outside any channel after the channel
 * refused it; {@code subject} is the order's, as the citizen saw it when paying.
 */
public record RefundSucceeded(String refundNo, OrderNo order, CitizenId citizen, Purpose purpose, long amountFen,
                              ChannelId channel, String subject, boolean byHand) {
}
