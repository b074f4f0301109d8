package org.citycard.payment.wechatpay;

import com.github.binarywang.wxpay.config.HttpClientBuilderCustomizer;

/**
 * A WeChat Pay merchant account in the "WeChat Pay public key" mode: merchant id, the mini-program's app id, the
 * APIv3 key (decrypts notifications), the merchant certificate's serial and private key (signs requests), the
 * WeChat Pay public key and its id (verifies answers and notifications), and the API's base URL. {@code transport}
 * adjusts the HTTP client (the sandbox's name resolution and trust); null for the real service.
 */
public record WeChatPayAccount(String mchId, String appId, String apiV3Key, String merchantSerialNo,
                               String privateKeyPath, String publicKeyId, String publicKeyPath, String baseUrl,
                               HttpClientBuilderCustomizer transport) {

    @Override
    public String toString() {
        return "WeChatPayAccount[mchId=" + mchId + ", appId=" + appId + ", baseUrl=" + baseUrl + "]";
    }
}
