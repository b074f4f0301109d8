package org.citycard.payment.unionpay;

/** Supplies a UnionPay account when none is configured: the payment sandbox does. */
public interface UnionPayAccountSource {

    UnionPayAccount unionPayAccount();
}
