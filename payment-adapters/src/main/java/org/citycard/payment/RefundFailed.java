package org.citycard.payment;

import org.citycard.card.CitizenId;

/**
 * A refund did not go through (the channel refused, closed or declined it, or a purpose could not set its money
 * aside): what was set aside for it goes back. {@code refusedByChannel}: the channel said no, so the citizen is still
 * owed the money and finance follows it up. {@code subject} is the order's, as the citizen saw it when paying.
 */
public record RefundFailed(String refundNo, OrderNo order, CitizenId citizen, Purpose purpose, long amountFen,
                           ChannelId channel, boolean refusedByChannel, String subject) {
}
