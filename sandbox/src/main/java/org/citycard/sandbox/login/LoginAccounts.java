package org.citycard.sandbox.login;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The login sandbox's test accounts: a WeChat app id and secret, an Alipay app with its own RSA key pair and the
 * gateway's key pair (two pairs, as with the real Alipay), kept with the sandbox's keys. Also decides which login
 * codes are good: {@code <user>.<anything>}, each once.
 */
final class LoginAccounts {

    static final String WECHAT_APP_ID = "wxsandbox0000001";
    static final String ALIPAY_APP_ID = "2021000000000001";
    private static final Pattern CODE = Pattern.compile("([a-z0-9_-]{1,32})\\.[A-Za-z0-9_-]{1,32}");

    private final String wechatSecret;
    private final KeyPair alipayApp;
    private final KeyPair alipayGateway;
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();

    LoginAccounts(org.citycard.sandbox.payment.SandboxKeys keys) {
        this.wechatSecret = keys.secret("wechat-login-secret", () -> {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            return HexFormat.of().formatHex(secret);
        });
        this.alipayApp = keys.rsa("alipay-login-app");
        this.alipayGateway = keys.rsa("alipay-login-gateway");
    }

    public String wechatSecret() {
        return wechatSecret;
    }

    /** The app's private key (PKCS#8, Base64), as the SDK takes it. */
    public String alipayAppPrivateKey() {
        return Base64.getEncoder().encodeToString(alipayApp.getPrivate().getEncoded());
    }

    String alipayAppPublicKey() {
        return Base64.getEncoder().encodeToString(alipayApp.getPublic().getEncoded());
    }

    /** The gateway's public key (X.509, Base64): what the SDK verifies answers with. */
    public String alipayGatewayPublicKey() {
        return Base64.getEncoder().encodeToString(alipayGateway.getPublic().getEncoded());
    }

    String alipayGatewayPrivateKey() {
        return Base64.getEncoder().encodeToString(alipayGateway.getPrivate().getEncoded());
    }

    /** The sandbox user a login code names, once per code; empty for a malformed or used code. */
    Optional<String> redeem(String platform, String code) {
        if (code == null) {
            return Optional.empty();
        }
        var matcher = CODE.matcher(code);
        if (!matcher.matches() || !usedCodes.add(platform + ":" + code)) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /** A stable, platform-specific id for a sandbox user, shaped like the platform's own. */
    static String userId(String platform, String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((platform + ":" + user).getBytes(StandardCharsets.UTF_8));
            return switch (platform) {
                case "alipay" -> "2088" + String.format("%012d", Math.floorMod(java.nio.ByteBuffer.wrap(digest).getLong(),
                        1_000_000_000_000L));
                default -> "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
