package org.citycard.payment.wechatpay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.payment.wechat.*}: the merchant account (WeChat Pay's, or the sandbox's as it gives them). When
 * {@code mch-id} is empty WeChat Pay is not offered.
 */
@ConfigurationProperties("citycard.payment.wechat")
public record WeChatPayProperties(String mchId, String appId, String apiV3Key, String merchantSerialNo,
                                  String privateKeyPath, String publicKeyId, String publicKeyPath, String baseUrl,
                                  WeChatPayAccount.KeyMode keyMode) {

    WeChatPayAccount.KeyMode mode() {
        return keyMode == null ? WeChatPayAccount.KeyMode.PUBLIC_KEY : keyMode;
    }

    boolean configured() {
        return mchId != null && !mchId.isBlank();
    }

    WeChatPayAccount account(com.github.binarywang.wxpay.config.HttpClientBuilderCustomizer transport) {
        return new WeChatPayAccount(mchId, appId, apiV3Key, merchantSerialNo, privateKeyPath, publicKeyId,
                publicKeyPath, baseUrl == null || baseUrl.isBlank() ? "https://api.mch.weixin.qq.com" : baseUrl, transport,
                mode());
    }
}
