package org.citycard.payment;

/** The ways a citizen can pay. Core code never branches on it: each channel says what it can do. */
public enum ChannelId {
    WECHAT_PAY, ALIPAY, UNIONPAY, WALLET
}
