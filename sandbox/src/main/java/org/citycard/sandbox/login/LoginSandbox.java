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
        // the message templates each platform assigned the mini-program, one per topic it sends
        for (String topic : List.of("BILL_DUE", "BILL_PAID", "REFUND", "AUTO_PAY_BEFORE", "AUTO_PAY_AFTER")) {
            String id = topic.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            properties.put("citycard.messages.wechat-templates." + topic, "sbx-" + id);
            properties.put("citycard.messages.alipay-templates." + topic, "sbx-ali-" + id);
        }
        properties.put("citycard.mp.alipay.app-id", LoginAccounts.ALIPAY_APP_ID);
        properties.put("citycard.mp.alipay.private-key", accounts.alipayAppPrivateKey());
        properties.put("citycard.mp.alipay.alipay-public-key", accounts.alipayGatewayPublicKey());
        properties.put("citycard.mp.alipay.gateway", baseUrl + ALIPAY + "/gateway.do");
        return properties;
    }

    private final java.util.Set<String> issuedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> subscribeConsents = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Deque<Map<String, Object>> subscribeMessages = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /**
     * WeChat's subscribe messages (订阅消息): {@code /cgi-bin/message/subscribe/send} with an access token this
     * sandbox issued; each send uses one consent the user gave for that template (wx.requestSubscribeMessage), and
     * without one WeChat answers 43101. {@code POST /wechat-api/sandbox/accept-subscribe?user=&template_id=} plays
     * the user tapping "allow" for a sandbox user (the part of the login code before the dot), and
     * {@code GET /wechat-api/sandbox/subscribe-messages?user=} lists what reached them.
     */
    private Response subscribe(Request request, String path) {
        return switch (path) {
            case "/sandbox/accept-subscribe" -> {
                String openid = LoginAccounts.userId("wechat", request.query().getOrDefault("user", ""));
                subscribeConsents.merge(openid + "|" + request.query().getOrDefault("template_id", ""), 1, Integer::sum);
                yield json("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            case "/sandbox/subscribe-messages" -> {
                String openid = LoginAccounts.userId("wechat", request.query().getOrDefault("user", ""));
                yield json(JSON.writeValueAsString(subscribeMessages.stream()
                        .filter(m -> openid.equals(m.get("touser"))).toList()));
            }
            default -> {
                if (!issuedTokens.contains(request.query().getOrDefault("access_token", ""))) {
                    yield json("{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}");
                }
                tools.jackson.databind.JsonNode body = JSON.readTree(request.body());
                String openid = body.path("touser").asString("");
                String template = body.path("template_id").asString("");
                Integer left = subscribeConsents.computeIfPresent(openid + "|" + template, (k, n) -> n - 1);
                if (left == null || left < 0) {
                    subscribeConsents.remove(openid + "|" + template);
                    yield json("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}");
                }
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put("touser", openid);
                kept.put("template_id", template);
                kept.put("page", body.path("page").asString(""));
                kept.put("data", JSON.convertValue(body.path("data"), Map.class));
                subscribeMessages.addFirst(kept);
                while (subscribeMessages.size() > 1_000) {
                    subscribeMessages.removeLast();
                }
                yield json("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + System.nanoTime() + "}");
            }
        };
    }

    private Response wechat(Request request) {
        String path = request.path().substring(WECHAT.length());
        if (path.equals("/cgi-bin/message/subscribe/send") || path.startsWith("/sandbox/")) {
            return subscribe(request, path);
        }
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
        if (refused != null) {
            return refused;
        }
        String token = "sandbox-" + UUID.randomUUID();
        issuedTokens.add(token);
        return Map.of("access_token", token, "expires_in", 7200);
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

    /** Form ids handed to Alipay users (a form submitted in the mini-program): good once, for 7 days. */
    private final Map<String, Map.Entry<String, java.time.Instant>> formIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Deque<Map<String, Object>> templateMessages = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /**
     * {@code POST /alipay-login/sandbox/form-id?user=} plays the user submitting a form in the Alipay mini-program and
     * answers the form id it gives (what the mini-program then reports); {@code GET /alipay-login/sandbox/template-messages?user=}
     * lists the template messages that reached the user.
     */
    private Response alipayScripts(Request request, String path) {
        String userId = LoginAccounts.userId("alipay", request.query().getOrDefault("user", ""));
        if (path.equals("/sandbox/form-id")) {
            String formId = "MjA4OF" + UUID.randomUUID().toString().replace("-", "");
            formIds.put(formId, Map.entry(userId, java.time.Instant.now().plus(java.time.Duration.ofDays(7))));
            return json("{\"formId\":\"" + formId + "\"}");
        }
        return json(JSON.writeValueAsString(templateMessages.stream().filter(m -> userId.equals(m.get("to_user_id"))).toList()));
    }

    /** {@code alipay.open.app.mini.templatemessage.send}: one message per form id, to the user who submitted it. */
    private Response templateMessage(Map<String, String> parameters) {
        tools.jackson.databind.JsonNode biz = JSON.readTree(parameters.getOrDefault("biz_content", "{}"));
        String formId = biz.path("form_id").asString("");
        String toUser = biz.path("to_user_id").asString("");
        Map.Entry<String, java.time.Instant> form = formIds.remove(formId);
        if (form == null || !form.getKey().equals(toUser) || form.getValue().isBefore(java.time.Instant.now())) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("code", "40004");
            node.put("msg", "Business Failed");
            node.put("sub_code", "isv.invalid-form-id");
            node.put("sub_msg", "formId不存在或已过期");
            return alipaySigned("alipay_open_app_mini_templatemessage_send_response", JSON.writeValueAsString(node));
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("to_user_id", toUser);
        kept.put("user_template_id", biz.path("user_template_id").asString(""));
        kept.put("page", biz.path("page").asString(""));
        kept.put("data", biz.path("data").asString(""));
        templateMessages.addFirst(kept);
        while (templateMessages.size() > 1_000) {
            templateMessages.removeLast();
        }
        return alipaySigned("alipay_open_app_mini_templatemessage_send_response", "{\"code\":\"10000\",\"msg\":\"Success\"}");
    }

    private Response alipay(Request request) {
        String scriptPath = request.path().substring(ALIPAY.length());
        if (scriptPath.startsWith("/sandbox/")) {
            return alipayScripts(request, scriptPath);
        }
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
        if ("alipay.open.app.mini.templatemessage.send".equals(parameters.get("method"))) {
            return templateMessage(parameters);
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
