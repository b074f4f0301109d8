/**
 * WeChat Pay API v3 through WxJava: JSAPI prepay for the mini-program, Native (a QR code) for the web, query,
 * close, refund, and verified, decrypted notifications. It talks to whatever {@link WeChatPayAccount} it is given:
 * the real service with the merchant's keys, or the in-process sandbox.
 */
package org.citycard.payment.wechatpay;
