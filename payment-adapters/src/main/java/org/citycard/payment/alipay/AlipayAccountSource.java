package org.citycard.payment.alipay;

/** Supplies an Alipay account when none is configured: the payment sandbox does. */
public interface AlipayAccountSource {

    AlipayAccount alipayAccount();
}
