/**
 * Alipay through the official Alipay SDK: {@code alipay.trade.create} for the mini-program ({@code my.tradePay}
 * takes its {@code tradeNO}), {@code alipay.trade.precreate} for a web QR code, query, close, refund, and
 * notifications verified with RSA2. Amounts are yuan strings at Alipay's edge, fen everywhere else.
 */
package org.citycard.payment.alipay;
