/**
 * UnionPay (云闪付) through its ACP 5.1.0 protocol, implemented here with the JDK's crypto (UnionPay publishes no
 * SDK on Maven Central): the web QR code (apply-QR consume), query, refund, and notifications. Every message is
 * signed SHA256withRSA over the hex SHA-256 of its sorted fields; UnionPay's answers carry their signing
 * certificate, believed only when it chains to the configured root and middle certificates and names UnionPay.
 */
package org.citycard.payment.unionpay;
