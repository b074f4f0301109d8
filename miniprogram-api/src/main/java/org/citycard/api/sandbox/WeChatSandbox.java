package org.citycard.api.sandbox;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's API host as the mini-program sign-in uses it: {@code /cgi-bin/token}, {@code /cgi-bin/stable_token} and
 * {@code /sns/jscode2session}, with WeChat's JSON and error codes (40013 bad app id, 40125 bad secret, 40029 bad
 * code). Public, sandbox only.
 */
@RestController
@RequestMapping(value = "/sandbox/wechat", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "citycard.mp.sandbox", havingValue = "true")
class WeChatSandbox {

    private final SandboxAccounts accounts;

    WeChatSandbox(SandboxAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/cgi-bin/token")
    Map<String, Object> token(@RequestParam(required = false) String appid, @RequestParam(required = false) String secret) {
        return credentials(appid, secret);
    }

    @PostMapping("/cgi-bin/stable_token")
    Map<String, Object> stableToken(@RequestBody Map<String, Object> body) {
        return credentials(String.valueOf(body.get("appid")), String.valueOf(body.get("secret")));
    }

    @GetMapping("/sns/jscode2session")
    Map<String, Object> jscode2session(@RequestParam(required = false) String appid,
                                       @RequestParam(required = false) String secret,
                                       @RequestParam(name = "js_code", required = false) String code) {
        Map<String, Object> refused = check(appid, secret);
        if (refused != null) {
            return refused;
        }
        return accounts.redeem("wechat", code)
                .<Map<String, Object>>map(user -> Map.of("openid", SandboxAccounts.userId("wechat", user),
                        "session_key", UUID.randomUUID().toString()))
                .orElse(Map.of("errcode", 40029, "errmsg", "invalid code"));
    }

    private Map<String, Object> credentials(String appid, String secret) {
        Map<String, Object> refused = check(appid, secret);
        return refused != null ? refused : Map.of("access_token", "sandbox-" + UUID.randomUUID(), "expires_in", 7200);
    }

    private Map<String, Object> check(String appid, String secret) {
        if (!SandboxAccounts.WECHAT_APP_ID.equals(appid)) {
            return Map.of("errcode", 40013, "errmsg", "invalid appid");
        }
        if (!accounts.wechatSecret().equals(secret)) {
            return Map.of("errcode", 40125, "errmsg", "invalid appsecret");
        }
        return null;
    }
}
