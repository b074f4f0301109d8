package org.citycard.api.auth;

import java.util.Optional;

import org.citycard.card.ExternalLogin;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipaySystemOauthTokenRequest;
import com.alipay.api.response.AlipaySystemOauthTokenResponse;

/**
 * Alipay's {@code alipay.system.oauth.token} through the official SDK: the request is signed with the app's key
 * (RSA2) and the answer is believed only when Alipay's signature over it verifies.
 */
final class AlipayLogin implements PlatformLogin {

    private final AlipayClient alipay;

    AlipayLogin(String gateway, String appId, String privateKey, String alipayPublicKey) {
        String disabled = java.security.Security.getProperty("jdk.certpath.disabledAlgorithms");
        try {
            this.alipay = new DefaultAlipayClient(gateway, appId, privateKey, "json", "UTF-8", alipayPublicKey, "RSA2");
        } finally {
            // the SDK clears this JVM-wide setting when it loads; certificate checks elsewhere keep the JDK's rules
            if (disabled != null) {
                java.security.Security.setProperty("jdk.certpath.disabledAlgorithms", disabled);
            }
        }
    }

    @Override
    public ExternalLogin platform() {
        return ExternalLogin.ALIPAY;
    }

    @Override
    public Optional<String> userId(String code) {
        AlipaySystemOauthTokenRequest request = new AlipaySystemOauthTokenRequest();
        request.setGrantType("authorization_code");
        request.setCode(code);
        try {
            AlipaySystemOauthTokenResponse response = alipay.execute(request);
            if (!response.isSuccess()) {
                if ("isv.code-invalid".equals(response.getSubCode())) {
                    return Optional.empty();
                }
                throw new PlatformUnavailable("Alipay refused the token request: " + response.getSubCode(), null);
            }
            String id = response.getUserId() != null && !response.getUserId().isBlank() ? response.getUserId()
                    : response.getOpenId();
            return Optional.ofNullable(id);
        } catch (AlipayApiException | RuntimeException e) {
            throw new PlatformUnavailable("Alipay could not be asked, or its answer did not verify", e);
        }
    }
}
