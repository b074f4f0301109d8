package org.citycard.payment;

/** Where the citizen pays: inside a mini-program, by scanning a QR code on the web, or from the card's wallet. */
public enum Scene {
    WECHAT_MINI_PROGRAM, ALIPAY_MINI_PROGRAM, WEB_QR, WALLET
}
