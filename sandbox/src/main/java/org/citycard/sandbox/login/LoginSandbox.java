package org.citycard.sandbox.login;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxGateway.Request;
import org.citycard.sandbox.payment.SandboxGateway.Response;
import org.citycard.sandbox.payment.SandboxKeys;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;

import tools.jackson.databind.json.JsonMapper;

/**
 * The mini-program platforms' sign-in, as the two SDKs call it: WeChat's API host ({@code /cgi-bin/token},
 * {@code /cgi-bin/stable_token}, {@code /sns/jscode2session}, with WeChat's JSON and error codes: 40013 bad app id,
 * 40125 bad secret, 40029 bad code) and Alipay's OpenAPI gateway for {@code alipay.system.oauth.token} (the app's
 * RSA2 signature over the sorted parameters checked, the answer signed by the gateway's own key, errors as Alipay's
 * 40002 with {@code isv.code-invalid} or {@code isv.invalid-signature}, always HTTP 200). A good login code is
 * {@code <user>.<anything>}, once.
 */
public final class LoginSandbox {

    static final String WECHAT = "/wechat-api";
    static final String ALIPAY = "/alipay-login";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoginAccounts accounts;

    public LoginSandbox(SandboxKeys keys) {
        this.accounts = new LoginAccounts(keys);
    }

    public List<SandboxGateway.Simulator> simulators() {
        return List.of(SandboxGateway.Simulator.plain(WECHAT, this::wechat),
                SandboxGateway.Simulator.plain(ALIPAY, this::alipay));
    }

    /** How a node signs in against this sandbox: {@code citycard.mp.*}, as for the real platforms. */
    public Map<String, String> nodeProperties(String baseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("citycard.mp.wechat.app-id", LoginAccounts.WECHAT_APP_ID);
        properties.put("citycard.mp.wechat.secret", accounts.wechatSecret());
        properties.put("citycard.mp.wechat.api-host", baseUrl + WECHAT);
        properties.put("citycard.mp.alipay.app-id", LoginAccounts.ALIPAY_APP_ID);
        properties.put("citycard.mp.alipay.private-key", accounts.alipayAppPrivateKey());
        properties.put("citycard.mp.alipay.alipay-public-key", accounts.alipayGatewayPublicKey());
        properties.put("citycard.mp.alipay.gateway", baseUrl + ALIPAY + "/gateway.do");
        return properties;
    }

    private Response wechat(Request request) {
        String path = request.path().substring(WECHAT.length());
        Map<String, String> parameters = new HashMap<>(request.query());
        if (request.method().equals("POST") && !request.body().isBlank()) {
            JSON.readTree(request.body()).properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asString()));
        }
        Map<String, Object> answer = switch (path) {
            case "/cgi-bin/token", "/cgi-bin/stable_token" -> credentials(parameters.get("appid"), parameters.get("secret"));
            case "/sns/jscode2session" -> session(parameters);
            default -> Map.of("errcode", 40066, "errmsg", "invalid url");
        };
        return json(JSON.writeValueAsString(answer));
    }

    private Map<String, Object> session(Map<String, String> parameters) {
        Map<String, Object> refused = check(parameters.get("appid"), parameters.get("secret"));
        if (refused != null) {
            return refused;
        }
        return accounts.redeem("wechat", parameters.get("js_code"))
                .<Map<String, Object>>map(user -> Map.of("openid", LoginAccounts.userId("wechat", user),
                        "session_key", UUID.randomUUID().toString()))
                .orElse(Map.of("errcode", 40029, "errmsg", "invalid code"));
    }

    private Map<String, Object> credentials(String appid, String secret) {
        Map<String, Object> refused = check(appid, secret);
        return refused != null ? refused : Map.of("access_token", "sandbox-" + UUID.randomUUID(), "expires_in", 7200);
    }

    private Map<String, Object> check(String appid, String secret) {
        if (!LoginAccounts.WECHAT_APP_ID.equals(appid)) {
            return Map.of("errcode", 40013, "errmsg", "invalid appid");
        }
        if (!accounts.wechatSecret().equals(secret)) {
            return Map.of("errcode", 40125, "errmsg", "invalid appsecret");
        }
        return null;
    }

    private Response alipay(Request request) {
        Map<String, String> parameters = new HashMap<>(request.query());
        parameters.putAll(SandboxGateway.query(request.body()));
        boolean signed;
        try {
            signed = AlipaySignature.rsaCheckV2(new HashMap<>(parameters), accounts.alipayAppPublicKey(), "UTF-8", "RSA2");
        } catch (AlipayApiException e) {
            signed = false;
        }
        if (!signed || !LoginAccounts.ALIPAY_APP_ID.equals(parameters.get("app_id"))) {
            return alipayError("isv.invalid-signature", "验签出错");
        }
        if (!"alipay.system.oauth.token".equals(parameters.get("method"))) {
            return alipayError("isv.invalid-method", "不存在的方法名");
        }
        var user = accounts.redeem("alipay", parameters.get("code"));
        if (user.isEmpty() || !"authorization_code".equals(parameters.get("grant_type"))) {
            return alipayError("isv.code-invalid", "授权码code无效");
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("user_id", LoginAccounts.userId("alipay", user.get()));
        node.put("access_token", "authusrB" + UUID.randomUUID().toString().replace("-", ""));
        node.put("expires_in", 1209600);
        node.put("refresh_token", "authusrB" + UUID.randomUUID().toString().replace("-", ""));
        node.put("re_expires_in", 2592000);
        return alipaySigned("alipay_system_oauth_token_response", JSON.writeValueAsString(node));
    }

    private Response alipayError(String subCode, String subMessage) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("code", "40002");
        node.put("msg", "Invalid Arguments");
        node.put("sub_code", subCode);
        node.put("sub_msg", subMessage);
        return alipaySigned("error_response", JSON.writeValueAsString(node));
    }

    private Response alipaySigned(String root, String node) {
        try {
            String sign = AlipaySignature.rsa256Sign(node, accounts.alipayGatewayPrivateKey(), "UTF-8");
            return new Response(200, Map.of("Content-Type", "text/plain;charset=UTF-8"),
                    "{\"" + root + "\":" + node + ",\"sign\":\"" + sign + "\"}");
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response json(String body) {
        return new Response(200, Map.of("Content-Type", "application/json;charset=UTF-8"), body);
    }
}
