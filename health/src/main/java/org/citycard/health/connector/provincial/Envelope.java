package org.citycard.health.connector.provincial;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * The envelope both sides wrap a call in. Its fields: {@code appId}, {@code terminalId}, {@code method},
 * {@code timestamp} (epoch milliseconds), {@code nonce} (32 hex), {@code encryptType} ({@code SM4-GCM}), {@code iv}
 * (24 hex), {@code bizContent} (Base64 of the SM4-GCM ciphertext and tag of the business JSON, with
 * {@code appId\nmethod\ntimestamp\nnonce} as associated data), {@code signType} ({@code HMAC-SM3}) and {@code sign}:
 * the hex HMAC-SM3, keyed with the app secret, of every other non-empty field as {@code k=v} pairs sorted by name
 * and joined by {@code &}. An answer adds {@code code}, {@code msg} and {@code requestNonce} (the request's nonce),
 * all signed.
 */
final class Envelope {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String ENCRYPT_TYPE = "SM4-GCM";
    static final String SIGN_TYPE = "HMAC-SM3";

    private final String appId;
    private final byte[] appSecret;
    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Envelope(String appId, String appSecret, String keyHex, Clock clock) {
        this.appId = appId;
        this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.key = HexFormat.of().parseHex(keyHex);
        if (key.length != Sm.KEY_BYTES) {
            throw new IllegalArgumentException("the SM4 key is 16 bytes (32 hex digits)");
        }
        this.clock = clock;
    }

    /** A request's envelope for this method and business JSON, sealed and signed. */
    Map<String, String> seal(String terminalId, String method, String bizJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("appId", appId);
        fields.put("terminalId", terminalId);
        fields.put("method", method);
        fields.put("timestamp", Long.toString(clock.millis()));
        fields.put("nonce", hex(16));
        fields.put("encryptType", ENCRYPT_TYPE);
        byte[] iv = new byte[Sm.IV_BYTES];
        random.nextBytes(iv);
        fields.put("iv", HexFormat.of().formatHex(iv));
        fields.put("bizContent", Base64.getEncoder().encodeToString(
                Sm.sm4GcmEncrypt(key, iv, aad(fields), bizJson.getBytes(StandardCharsets.UTF_8))));
        fields.put("signType", SIGN_TYPE);
        fields.put("sign", sign(fields));
        return fields;
    }

    /**
     * The business JSON of an answer, when it is signed with our secret, fresh, for this app and method, names our
     * request's nonce and decrypts; otherwise why not.
     */
    Opened open(Map<String, String> answer, String method, String requestNonce) {
        String sign = answer.get("sign");
        if (sign == null || !MessageDigest.isEqual(sign.getBytes(StandardCharsets.US_ASCII),
                sign(answer).getBytes(StandardCharsets.US_ASCII))) {
            return new Opened.Refused("bad signature");
        }
        if (!appId.equals(answer.get("appId")) || !method.equals(answer.get("method"))
                || !requestNonce.equals(answer.get("requestNonce"))) {
            return new Opened.Refused("an answer to another request");
        }
        Optional<Instant> at = timestamp(answer.get("timestamp"));
        if (at.isEmpty() || Duration.between(at.get(), clock.instant()).abs().compareTo(WINDOW) > 0) {
            return new Opened.Refused("outside the time window");
        }
        String content = answer.get("bizContent");
        if (content == null || content.isEmpty()) {
            return new Opened.Content(answer.getOrDefault("code", ""), answer.getOrDefault("msg", ""), "{}");
        }
        if (!ENCRYPT_TYPE.equals(answer.get("encryptType")) || !SIGN_TYPE.equals(answer.get("signType"))) {
            return new Opened.Refused("an unexpected encryption or signature type");
        }
        try {
            byte[] plain = Sm.sm4GcmDecrypt(key, HexFormat.of().parseHex(answer.getOrDefault("iv", "")),
                    aad(answer), Base64.getDecoder().decode(content));
            return new Opened.Content(answer.getOrDefault("code", ""), answer.getOrDefault("msg", ""),
                    new String(plain, StandardCharsets.UTF_8));
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            return new Opened.Refused("content that does not decrypt");
        }
    }

    sealed interface Opened {
        record Content(String code, String msg, String bizJson) implements Opened {
        }

        record Refused(String why) implements Opened {
        }
    }

    /** The signature over every non-empty field but the signature itself, sorted by name. */
    String sign(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                text.append(text.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        return HexFormat.of().formatHex(Sm.hmacSm3(appSecret, text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] aad(Map<String, String> fields) {
        return (fields.get("appId") + "\n" + fields.get("method") + "\n" + fields.get("timestamp") + "\n"
                + fields.get("nonce")).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Instant> timestamp(String millis) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
