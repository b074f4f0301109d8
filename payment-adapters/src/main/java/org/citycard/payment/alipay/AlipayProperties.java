package org.citycard.payment.alipay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.payment.alipay.*}: the Alipay app (Alipay's, or the sandbox's as it gives them). When {@code app-id}
 * is empty Alipay is not offered.
 */
@ConfigurationProperties("citycard.payment.alipay")
public record AlipayProperties(String appId, String sellerId, String privateKey, String alipayPublicKey,
                               String gateway) {

    boolean configured() {
        return appId != null && !appId.isBlank();
    }

    AlipayAccount account() {
        return new AlipayAccount(appId, sellerId, privateKey, alipayPublicKey,
                gateway == null || gateway.isBlank() ? "https://openapi.alipay.com/gateway.do" : gateway);
    }
}
