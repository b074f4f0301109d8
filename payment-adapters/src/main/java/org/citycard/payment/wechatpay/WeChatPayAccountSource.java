package org.citycard.payment.wechatpay;

/** Supplies a WeChat Pay account when none is configured: the payment sandbox does. */
public interface WeChatPayAccountSource {

    WeChatPayAccount weChatPayAccount();
}
