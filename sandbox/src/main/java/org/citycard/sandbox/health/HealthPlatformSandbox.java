package org.citycard.sandbox.health;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.citycard.sandbox.Html;
import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxGateway.Request;
import org.citycard.sandbox.payment.SandboxGateway.Response;
import org.citycard.sandbox.payment.SandboxKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial e-health card platform (docs/health-platform-protocol.md): {@code POST /ehc/gateway} with an
 * envelope whose business content is SM4-GCM encrypted and whose fields are signed with HMAC-SM3 under the app
 * secret; answers likewise, naming the request's nonce. A request outside a 5-minute window, with a nonce seen
 * before, a bad signature or content that does not decrypt is refused (1001–1003). It keeps one card per ID
 * number (its 64-hex id derived from the number under the platform's own secret, so it survives a restart), issues
 * dynamic codes {@code <id>:0:<32 hex>} good once for two minutes, accepts static codes {@code <id>:1}, and keeps
 * every use. This implementation goes through the JCA with BouncyCastle's provider, the platform's client through
 * BouncyCastle's lightweight API: each checks the other. {@code /ehc} lists the magic values.
 */
public final class HealthPlatformSandbox implements SandboxGateway.Simulator {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration CODE_LIFE = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Provider BC = new BouncyCastleProvider();
    public static final String APP_ID = "citycard-hs";

    /** A card the platform registered. */
    record Card(String ehcId, String idNumber, String name, String relation, Instant issuedAt, boolean closed) {
    }

    record Code(String ehcId, Instant expiresAt) {
    }

    /** One use of a card a hospital reported. */
    public record Use(String ehcId, String orgCode, String scene, String channel, Instant at) {
    }

    private final String appSecret;
    private final byte[] key;
    private final byte[] idSecret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Card> byId = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    private final List<Use> uses = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Instant lastPurge = Instant.EPOCH;

    public HealthPlatformSandbox(SandboxKeys keys, Clock clock) {
        this.clock = clock;
        this.appSecret = keys.secret("ehc-app-secret", () -> hex(random, 24));
        this.key = HexFormat.of().parseHex(keys.secret("ehc-sm4-key", () -> hex(random, 16)));
        this.idSecret = keys.secret("ehc-id-secret", () -> hex(random, 32)).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String prefix() {
        return "/ehc";
    }

    @Override
    public boolean overTls() {
        return false;
    }

    /** How a node joins the platform, as from its onboarding papers. */
    public Map<String, String> nodeProperties(String baseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("citycard.health.platform.base-url", baseUrl + "/ehc");
        properties.put("citycard.health.platform.app-id", APP_ID);
        properties.put("citycard.health.platform.terminal-id", "citycard-node");
        properties.put("citycard.health.platform.app-secret", appSecret);
        properties.put("citycard.health.platform.encryption-key", HexFormat.of().formatHex(key));
        return properties;
    }

    /** The uses hospitals reported, oldest first (for tests and the page). */
    public List<Use> uses() {
        synchronized (uses) {
            return List.copyOf(uses);
        }
    }

    @Override
    public Response handle(Request request) {
        if (request.method().equals("GET") && (request.path().equals("/ehc") || request.path().equals("/ehc/"))) {
            return page();
        }
        if (!request.method().equals("POST") || !request.path().equals("/ehc/gateway")) {
            return Html.json(404, "{\"code\":\"404\",\"msg\":\"not found\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JSON.readTree(request.body()).properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString("")));
        } catch (RuntimeException e) {
            return Html.json(400, "{\"code\":\"1000\",\"msg\":\"not an envelope\"}");
        }
        String method = fields.getOrDefault("method", "");
        String nonce = fields.getOrDefault("nonce", "");
        if (!APP_ID.equals(fields.get("appId"))) {
            return Html.json(200, "{\"code\":\"1000\",\"msg\":\"unknown app\"}");
        }
        if (!MessageDigest.isEqual(fields.getOrDefault("sign", "").getBytes(StandardCharsets.US_ASCII),
                sign(fields).getBytes(StandardCharsets.US_ASCII))) {
            return answer(method, nonce, "1001", "签名错误 bad signature", null);
        }
        Instant now = clock.instant();
        Instant at;
        try {
            at = Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("timestamp", "")));
        } catch (NumberFormatException e) {
            return answer(method, nonce, "1002", "时间戳错误 bad timestamp", null);
        }
        if (Duration.between(at, now).abs().compareTo(WINDOW) > 0 || !nonce.matches("[0-9a-f]{32}")) {
            return answer(method, nonce, "1002", "请求已过期 outside the window", null);
        }
        purge(now);
        if (nonces.putIfAbsent(nonce, now) != null) {
            return answer(method, nonce, "1002", "重复请求 replayed", null);
        }
        JsonNode content;
        try {
            Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BC);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "SM4"),
                    new GCMParameterSpec(128, HexFormat.of().parseHex(fields.getOrDefault("iv", ""))));
            cipher.updateAAD(aad(fields));
            content = JSON.readTree(new String(cipher.doFinal(Base64.getDecoder().decode(
                    fields.getOrDefault("bizContent", ""))), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return answer(method, nonce, "1003", "解密失败 content does not decrypt", null);
        }
        return switch (method) {
            case "ehc.card.register" -> register(nonce, content);
            case "ehc.card.query" -> card(method, nonce, content, false);
            case "ehc.card.close" -> card(method, nonce, content, true);
            case "ehc.code.generate" -> generate(nonce, content);
            case "ehc.code.verify" -> verify(nonce, content);
            default -> answer(method, nonce, "1004", "未知方法 unknown method", null);
        };
    }

    private Response register(String nonce, JsonNode c) {
        String method = "ehc.card.register";
        String idNumber = c.path("idNumber").asString("");
        String name = c.path("name").asString("");
        String relation = c.path("relation").asString("");
        if (!validId(idNumber) || name.isBlank() || !birthAndSexAgree(idNumber, c)) {
            return answer(method, nonce, "2001", "身份证号码无效 invalid ID number", null);
        }
        if (name.endsWith("冒名")) {
            return answer(method, nonce, "2002", "姓名与身份证号码不符 name does not match", null);
        }
        if (relation.equals("CHILD")) {
            String certificate = c.path("birthCertificateNo").asString("");
            if (!certificate.matches("[A-Z]\\d{9}") || certificate.endsWith("0000")) {
                return answer(method, nonce, "2003", "出生医学证明编号不符 birth certificate does not match", null);
            }
        }
        String ehcId = HexFormat.of().formatHex(hmac(idSecret, idNumber.getBytes(StandardCharsets.US_ASCII)));
        Card existing = byId.get(ehcId);
        if (existing != null && !existing.closed()) {
            return answer(method, nonce, "0", "成功", Map.of("ehcId", ehcId, "existing", true));
        }
        byId.put(ehcId, new Card(ehcId, idNumber, name, relation, clock.instant(), false));
        return answer(method, nonce, "0", "成功", Map.of("ehcId", ehcId, "existing", false));
    }

    private Response card(String method, String nonce, JsonNode c, boolean close) {
        Card card = byId.get(c.path("ehcId").asString(""));
        if (card == null) {
            return answer(method, nonce, "2004", "卡不存在 no such card", null);
        }
        if (card.closed()) {
            return answer(method, nonce, close ? "0" : "2005", "已注销 closed", Map.of("state", "CLOSED"));
        }
        if (close) {
            byId.put(card.ehcId(), new Card(card.ehcId(), card.idNumber(), card.name(), card.relation(), card.issuedAt(),
                    true));
            return answer(method, nonce, "0", "成功", Map.of("state", "CLOSED"));
        }
        return answer(method, nonce, "0", "成功", Map.of("state", "ACTIVE"));
    }

    private Response generate(String nonce, JsonNode c) {
        String method = "ehc.code.generate";
        Card card = byId.get(c.path("ehcId").asString(""));
        if (card == null || card.closed()) {
            return answer(method, nonce, card == null ? "2004" : "2005", "卡不可用 card not usable", null);
        }
        Instant expires = clock.instant().plus(CODE_LIFE);
        String code = card.ehcId() + ":0:" + hex(random, 16).toUpperCase(java.util.Locale.ROOT);
        codes.put(code, new Code(card.ehcId(), expires));
        return answer(method, nonce, "0", "成功", Map.of("code", code, "expiresAt", expires.toEpochMilli()));
    }

    private Response verify(String nonce, JsonNode c) {
        String method = "ehc.code.verify";
        String text = c.path("code").asString("");
        String ehcId;
        if (text.matches("[0-9a-f]{64}:1")) {
            ehcId = text.substring(0, 64);
        } else if (text.matches("[0-9a-f]{64}:0:[0-9A-F]{32}")) {
            Code code = codes.remove(text);
            if (code == null) {
                return answer(method, nonce, "3003", "二维码已使用或无效 code used or unknown", null);
            }
            if (code.expiresAt().isBefore(clock.instant())) {
                return answer(method, nonce, "3002", "二维码已过期 code expired", null);
            }
            ehcId = code.ehcId();
        } else {
            return answer(method, nonce, "3001", "不是健康卡二维码 not a health card code", null);
        }
        Card card = byId.get(ehcId);
        if (card == null) {
            return answer(method, nonce, "3001", "不是健康卡二维码 not a health card code", null);
        }
        if (card.closed()) {
            return answer(method, nonce, "2005", "已注销 closed", null);
        }
        uses.add(new Use(ehcId, c.path("orgCode").asString(""), c.path("scene").asString(""),
                c.path("channel").asString(""), clock.instant()));
        return answer(method, nonce, "0", "成功", Map.of("ehcId", ehcId));
    }

    private void purge(Instant now) {
        if (lastPurge.isBefore(now.minusSeconds(10))) {
            lastPurge = now;
            nonces.values().removeIf(seen -> seen.isBefore(now.minus(WINDOW.multipliedBy(2))));
            codes.values().removeIf(code -> code.expiresAt().isBefore(now.minus(WINDOW)));
        }
    }

    /** An answer in the envelope: signed, and its content (if any) encrypted; naming the request's nonce. */
    private Response answer(String method, String requestNonce, String code, String msg, Map<String, Object> content) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("appId", APP_ID);
        fields.put("method", method);
        fields.put("timestamp", Long.toString(clock.millis()));
        fields.put("nonce", hex(random, 16));
        fields.put("requestNonce", requestNonce);
        fields.put("code", code);
        fields.put("msg", msg);
        if (content != null) {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            fields.put("encryptType", "SM4-GCM");
            fields.put("iv", HexFormat.of().formatHex(iv));
            try {
                Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", BC);
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"), new GCMParameterSpec(128, iv));
                cipher.updateAAD(aad(fields));
                fields.put("bizContent", Base64.getEncoder().encodeToString(
                        cipher.doFinal(JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        fields.put("signType", "HMAC-SM3");
        fields.put("sign", sign(fields));
        return Html.json(200, JSON.writeValueAsString(fields));
    }

    private String sign(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                text.append(text.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        return HexFormat.of().formatHex(hmac(appSecret.getBytes(StandardCharsets.UTF_8),
                text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HMACSM3", BC);
            mac.init(new SecretKeySpec(secret, "HMACSM3"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(Map<String, String> fields) {
        return (fields.get("appId") + "\n" + fields.get("method") + "\n" + fields.get("timestamp") + "\n"
                + fields.get("nonce")).getBytes(StandardCharsets.UTF_8);
    }

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** GB 11643: 17 digits and the MOD 11-2 check character. */
    static boolean validId(String id) {
        if (!id.matches("[1-9]\\d{16}[\\dX]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11) == id.charAt(17);
    }

    private static boolean birthAndSexAgree(String id, JsonNode c) {
        try {
            LocalDate birth = LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14));
            String sex = (id.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE";
            return birth.toString().equals(c.path("birthDate").asString("")) && sex.equals(c.path("sex").asString(""));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Response page() {
        StringBuilder rows = new StringBuilder();
        for (Use use : uses()) {
            rows.append("<tr><td>").append(Html.escape(use.ehcId().substring(0, 8))).append("…</td><td>")
                    .append(Html.escape(use.orgCode())).append("</td><td>").append(Html.escape(use.scene()))
                    .append("</td><td>").append(Html.escape(use.channel())).append("</td><td>")
                    .append(Html.escape(use.at().toString())).append("</td></tr>");
        }
        return Html.page("省级电子健康卡平台 sandbox", "<h1>省级电子健康卡平台 <span lang=\"en\">Provincial e-health card platform</span></h1>"
                + "<p class=\"note\">开发与测试专用。信封：SM4-GCM 加密业务内容，HMAC-SM3 签名，5 分钟时间窗，随机数不可重复。"
                + "<span lang=\"en\">For development and tests: SM4-GCM content, HMAC-SM3 signatures, a 5-minute window, "
                + "nonces used once.</span></p>"
                + "<h2>特殊值 <span lang=\"en\">Magic values</span></h2><ul>"
                + "<li>姓名以“冒名”结尾：姓名与身份证号码不符（2002）。<span lang=\"en\">A name ending in 冒名: name does not "
                + "match (2002).</span></li>"
                + "<li>出生医学证明编号：一个大写字母加 9 位数字；以 0000 结尾的不符（2003）。<span lang=\"en\">Birth "
                + "certificate: a capital letter and 9 digits; one ending in 0000 does not match (2003).</span></li>"
                + "<li>动态码两分钟内有效，只能用一次。<span lang=\"en\">Dynamic codes last two minutes, once.</span></li></ul>"
                + "<p>已登记 " + byId.size() + " 张卡 <span lang=\"en\">cards registered</span></p>"
                + "<h2>用卡记录 <span lang=\"en\">Uses</span></h2><table><thead><tr><th scope=\"col\">卡 <span lang=\"en\">Card</span></th>"
                + "<th scope=\"col\">机构 <span lang=\"en\">Organisation</span></th><th scope=\"col\">场景 <span lang=\"en\">Scene</span></th>"
                + "<th scope=\"col\">渠道 <span lang=\"en\">Channel</span></th><th scope=\"col\">时间 <span lang=\"en\">When</span></th></tr></thead><tbody>"
                + rows + "</tbody></table>");
    }
}
