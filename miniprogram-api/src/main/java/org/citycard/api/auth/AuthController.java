package org.citycard.api.auth;

import java.time.Instant;
import java.util.Map;

import org.citycard.api.ApiProblem;
import org.citycard.card.ApiSessions;
import org.citycard.card.Citizen;
import org.citycard.card.ExternalLogin;
import org.citycard.card.IdentityResult;
import org.citycard.card.LoginLinks;
import org.citycard.kernel.FreeText;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mini-program sign-in. Public: {@code /wechat}, {@code /alipay} (a platform login code), {@code /refresh},
 * {@code /logout} (a refresh token) and {@code /link} (a fresh platform code plus the link code the citizen's
 * signed-in portal shows: proof of both sides).
 */
@RestController
@RequestMapping("/api/mp/v1/auth")
class AuthController {

    private final PlatformLoginConfiguration.PlatformLogins platforms;
    private final LoginLinks links;
    private final ApiSessions sessions;
    private final AccessTokens tokens;

    AuthController(PlatformLoginConfiguration.PlatformLogins platforms, LoginLinks links, ApiSessions sessions,
                   AccessTokens tokens) {
        this.platforms = platforms;
        this.links = links;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    record WeChatCode(String code) {
    }

    record AlipayCode(String authCode) {
    }

    record RefreshToken(String refreshToken) {
    }

    record LinkRequest(String platform, String code, String linkCode) {
    }

    /** What a sign-in answers: a short-lived access token and a refresh token. */
    record Session(String accessToken, String tokenType, long expiresIn, String refreshToken, String citizenId,
                   String level) {
    }

    @PostMapping("/wechat")
    Session wechat(@RequestBody(required = false) WeChatCode body) {
        return signIn(ExternalLogin.WECHAT, body == null ? null : body.code(), "code");
    }

    @PostMapping("/alipay")
    Session alipay(@RequestBody(required = false) AlipayCode body) {
        return signIn(ExternalLogin.ALIPAY, body == null ? null : body.authCode(), "authCode");
    }

    @PostMapping("/refresh")
    Session refresh(@RequestBody(required = false) RefreshToken body) {
        String token = requireText(body == null ? null : body.refreshToken(), "refreshToken", 100);
        return switch (sessions.refresh(token)) {
            case ApiSessions.Renewal.Renewed renewed -> {
                var access = tokens.issue(renewed.citizen(), renewed.client(), renewed.signedInAt());
                yield new Session(access.token(), "Bearer", access.expiresIn().toSeconds(), renewed.refreshToken(),
                        renewed.citizen().toString(), null);
            }
            case ApiSessions.Renewal.Refused refused -> throw new ApiProblem(HttpStatus.UNAUTHORIZED,
                    "auth.refresh-" + refused.reason().name().toLowerCase(java.util.Locale.ROOT),
                    "The refresh token is not valid; sign in again.", "refreshToken");
        };
    }

    @PostMapping("/logout")
    Map<String, Object> logout(@RequestBody(required = false) RefreshToken body) {
        sessions.end(requireText(body == null ? null : body.refreshToken(), "refreshToken", 100));
        return Map.of("signedOut", true);
    }

    @PostMapping("/link")
    Map<String, Object> link(@RequestBody(required = false) LinkRequest body) {
        if (body == null) {
            throw ApiProblem.badParameter("platform", "platform, code and linkCode are required.");
        }
        ExternalLogin platform = platform(body.platform());
        // everything checked before the one-time platform code is spent
        String linkCode = requireText(body.linkCode(), "linkCode", 16);
        String userId = exchange(platform, requireText(body.code(), "code", 128), "code");
        return switch (links.linkWithCode(platform, userId, linkCode)) {
            case IdentityResult.Done done -> Map.of("linked", true, "citizenId", done.citizen().id().toString());
            case IdentityResult.Refused refused -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    refused.problem().code(), org.citycard.api.IdentityProblems.detail(refused.problem()), "linkCode");
        };
    }

    private Session signIn(ExternalLogin platform, String code, String parameter) {
        String userId = exchange(platform, requireText(code, parameter, 128), parameter);
        Citizen citizen = links.signIn(platform, userId);
        var access = tokens.issue(citizen.id(), platform, Instant.now());
        return new Session(access.token(), "Bearer", access.expiresIn().toSeconds(),
                sessions.start(citizen.id(), platform), citizen.id().toString(), citizen.level().name());
    }

    /**
     * What a platform's one-time login code is made of (wx.login's and my.getAuthCode's are letters, digits, '.', '_'
     * and '-'): anything else is refused here, never put into a request to the platform (where '&' or '#' would add
     * or cut parameters of our own request).
     */
    private static final java.util.regex.Pattern LOGIN_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private String exchange(ExternalLogin platform, String code, String parameter) {
        if (!LOGIN_CODE.matcher(code).matches()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "auth.code-invalid",
                    "That is not a login code of " + platform + "; get a new one and try again.", parameter);
        }
        PlatformLogin login = platforms.of(platform).orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "auth.platform-not-configured", "Sign-in with " + platform + " is not configured.", null));
        try {
            return login.userId(code).orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "auth.code-invalid",
                    "The login code was refused by " + platform + "; get a new one and try again.", parameter));
        } catch (PlatformLogin.PlatformUnavailable e) {
            org.slf4j.LoggerFactory.getLogger(AuthController.class).warn("{} sign-in unavailable: {}", platform,
                    e.getMessage());
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "auth.platform-unavailable",
                    platform + " did not answer; please try again.", null);
        }
    }

    private static ExternalLogin platform(String text) {
        if ("wechat".equalsIgnoreCase(text)) {
            return ExternalLogin.WECHAT;
        }
        if ("alipay".equalsIgnoreCase(text)) {
            return ExternalLogin.ALIPAY;
        }
        throw ApiProblem.badParameter("platform", "platform is wechat or alipay.");
    }

    static String requireText(String value, String parameter, int maxLength) {
        return switch (FreeText.line(parameter, value, maxLength)) {
            case FreeText.Checked.Clean clean when !clean.isEmpty() -> clean.text();
            case FreeText.Checked.Clean clean -> throw ApiProblem.badParameter(parameter, "'" + parameter
                    + "' is required (at most " + maxLength + " characters).");
            case FreeText.Checked.Refused refused -> throw ApiProblem.badParameter(parameter, refused.message(false));
        };
    }
}
