package org.citycard.health.vaccination.internal;

/**
 * A paid booking ended without its dose (cancelled, or not given at the desk): what is left to refund on its order goes
 * back. Published in the transaction that ends the booking and refunded when it is heard, so that a refund that could
 * not be asked for (the payment service away) is tried again rather than lost. The amount is read from the order when
 * heard (what it charged, less what went back already), never from the vaccine's price, which may have changed since.
 */
public record VaccinationRefundDue(String orderNo, String reason) {
}
