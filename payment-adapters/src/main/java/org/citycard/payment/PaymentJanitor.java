package org.citycard.payment;

/**
 * The payment janitor (every minute, on one node at a time): settles orders stuck in paying by asking their
 * channel, closes expired orders at their channel and here, and asks again about unsettled refunds.
 */
public interface PaymentJanitor {

    void sweep();
}
