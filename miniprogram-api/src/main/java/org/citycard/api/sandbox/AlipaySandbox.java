package org.citycard.api.sandbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;

import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay's OpenAPI gateway for {@code alipay.system.oauth.token}: checks the app's RSA2 signature over the sorted
 * parameters, answers with the response node signed by the gateway's own key, as Alipay does (errors too: code
 * 40002 with sub_code {@code isv.code-invalid} or {@code isv.invalid-signature}). Always HTTP 200, as Alipay.
 * Public, sandbox only.
 */
@RestController
@RequestMapping("/sandbox/alipay")
@ConditionalOnProperty(name = "citycard.mp.sandbox", havingValue = "true")
class AlipaySandbox {

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private final SandboxAccounts accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    AlipaySandbox(SandboxAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/gateway.do")
    ResponseEntity<String> gateway(@RequestParam Map<String, String> parameters) throws AlipayApiException {
        boolean signed;
        try {
            signed = AlipaySignature.rsaCheckV2(new HashMap<>(parameters), accounts.alipayAppPublicKey(), "UTF-8", "RSA2");
        } catch (AlipayApiException e) {
            signed = false;
        }
        if (!signed || !SandboxAccounts.ALIPAY_APP_ID.equals(parameters.get("app_id"))) {
            return error("isv.invalid-signature", "验签出错");
        }
        if (!"alipay.system.oauth.token".equals(parameters.get("method"))) {
            return error("isv.invalid-method", "不存在的方法名");
        }
        var user = accounts.redeem("alipay", parameters.get("code"));
        if (user.isEmpty() || !"authorization_code".equals(parameters.get("grant_type"))) {
            return error("isv.code-invalid", "授权码code无效");
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("user_id", SandboxAccounts.userId("alipay", user.get()));
        node.put("access_token", "authusrB" + UUID.randomUUID().toString().replace("-", ""));
        node.put("expires_in", 1209600);
        node.put("refresh_token", "authusrB" + UUID.randomUUID().toString().replace("-", ""));
        node.put("re_expires_in", 2592000);
        return signed("alipay_system_oauth_token_response", json.writeValueAsString(node));
    }

    private ResponseEntity<String> error(String subCode, String subMessage) throws AlipayApiException {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("code", "40002");
        node.put("msg", "Invalid Arguments");
        node.put("sub_code", subCode);
        node.put("sub_msg", subMessage);
        return signed("error_response", json.writeValueAsString(node));
    }

    private ResponseEntity<String> signed(String root, String node) throws AlipayApiException {
        String sign = AlipaySignature.rsa256Sign(node, accounts.alipayGatewayPrivateKey(), "UTF-8");
        return ResponseEntity.ok().contentType(TEXT).body("{\"" + root + "\":" + node + ",\"sign\":\"" + sign + "\"}");
    }
}
