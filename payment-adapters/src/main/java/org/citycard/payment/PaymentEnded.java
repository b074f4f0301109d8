package org.citycard.payment;

import org.citycard.card.CitizenId;

/**
 * An order ended unpaid: closed (expired, withdrawn) or failed at its channel. The module behind its purpose may
 * release what it held for it (a booked slot, a bill marked as being paid). A channel may still report money taken
 * later (a code paid just after closing): the order then becomes paid and {@link PaymentSucceeded} follows, which the
 * purpose fulfils or refunds like any other payment.
 */
public record PaymentEnded(OrderNo order, CitizenId citizen, Purpose purpose, long amountFen, OrderState state,
                           String reason) {
}
