package org.citycard.payment;

import org.citycard.card.CitizenId;

/** An order is paid: the module behind its purpose fulfils it (exactly once, keyed on the order number). */
public record PaymentSucceeded(OrderNo order, CitizenId citizen, Purpose purpose, long amountFen, ChannelId channel) {
}
