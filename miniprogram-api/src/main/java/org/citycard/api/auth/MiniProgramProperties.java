package org.citycard.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mini-programs' platform accounts ({@code citycard.mp.*}): WeChat's and Alipay's, or the sandbox's as it gives
 * them.
 */
@ConfigurationProperties("citycard.mp")
record MiniProgramProperties(@DefaultValue WeChat wechat, @DefaultValue Alipay alipay) {

    /** WeChat mini-program: app id and secret; {@code apiHost} only to point at another WeChat API host. */
    record WeChat(String appId, String secret, String apiHost) {
        @Override
        public String toString() {
            return "WeChat[appId=" + appId + "]";
        }
    }

    /** Alipay mini-program: app id, the app's private key, Alipay's public key (both Base64), the gateway. */
    record Alipay(String appId, String privateKey, String alipayPublicKey,
                  @DefaultValue("https://openapi.alipay.com/gateway.do") String gateway) {
        @Override
        public String toString() {
            return "Alipay[appId=" + appId + ", gateway=" + gateway + "]";
        }
    }
}
