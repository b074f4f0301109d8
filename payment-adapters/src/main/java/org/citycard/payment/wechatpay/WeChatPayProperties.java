package org.citycard.payment.wechatpay;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code citycard.payment.wechat.*}: the real merchant account. When {@code mch-id} is empty the channel uses the
 * payment sandbox (if it is enabled), otherwise WeChat Pay is not offered.
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

    WeChatPayAccount account() {
        return new WeChatPayAccount(mchId, appId, apiV3Key, merchantSerialNo, privateKeyPath, publicKeyId,
                publicKeyPath, baseUrl == null || baseUrl.isBlank() ? "https://api.mch.weixin.qq.com" : baseUrl, null,
                mode());
    }
}
