package org.citycard.payment.wechatpay;

import com.github.binarywang.wxpay.config.HttpClientBuilderCustomizer;

/**
 * A WeChat Pay merchant account: merchant id, the mini-program's app id, the APIv3 key (decrypts notifications and
 * platform certificates), the merchant certificate's serial and private key (signs requests), and the API's base
 * URL. In the {@link KeyMode#PUBLIC_KEY} mode the WeChat Pay public key and its id verify answers and
 * notifications; in the {@link KeyMode#PLATFORM_CERTIFICATE} mode the platform certificates, downloaded, do.
 * {@code transport} adjusts the HTTP client (the sandbox's name resolution and trust); null for the real service.
 */
public record WeChatPayAccount(String mchId, String appId, String apiV3Key, String merchantSerialNo,
                               String privateKeyPath, String publicKeyId, String publicKeyPath, String baseUrl,
                               HttpClientBuilderCustomizer transport, KeyMode keyMode) {

    /** How WeChat Pay's signatures are checked: its public key (newer), or its platform certificates (older). */
    public enum KeyMode {
        PUBLIC_KEY, PLATFORM_CERTIFICATE
    }

    @Override
    public String toString() {
        return "WeChatPayAccount[mchId=" + mchId + ", appId=" + appId + ", baseUrl=" + baseUrl + "]";
    }
}
