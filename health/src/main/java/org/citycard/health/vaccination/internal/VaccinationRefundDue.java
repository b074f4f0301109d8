package org.citycard.health.vaccination.internal;

/**
 * A paid booking ended without its dose (cancelled, or not given): the money goes back. Published in the transaction
 * that ends the booking and refunded when it is heard, so that a refund that failed (the payment service away) is
 * tried again rather than lost; a refund heard twice is refused the second time (no more than was paid goes back).
 */
public record VaccinationRefundDue(String orderNo, long amountFen, String reason) {
}
