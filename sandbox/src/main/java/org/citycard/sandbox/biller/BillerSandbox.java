package org.citycard.sandbox.biller;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.sandbox.Html;
import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxGateway.Request;
import org.citycard.sandbox.payment.SandboxGateway.Response;
import org.citycard.sandbox.payment.SandboxKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's billers, each speaking the CityCard biller protocol v1 with keys of its own (docs/biller-protocol.md):
 * {@code POST /billers/{biller}/v1/{query|pay|status|reverse|daily-file}}, JSON both ways, every request signed by the
 * partner (SHA256withRSA over method, path, timestamp, nonce and body) and every answer signed by the biller over the
 * status, the request's nonce, its own timestamp and nonce, and the body; a request outside a 5-minute window or with
 * a nonce seen before is refused. {@code /billers} is a page listing the billers and the magic account numbers.
 */
public final class BillerSandbox implements SandboxGateway.Simulator {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How each biller takes money, as real ones do. */
    enum ChargeMode { EXACT_BILL, ALL_ARREARS, ANY_AMOUNT }

    /**
     * One biller: its id in the path, its name, kind and charge mode, the account numbers it issues (and how to
     * describe them to a citizen), and a typical bill.
     */
    record Spec(String id, String name, String kind, ChargeMode mode, String accountPattern, String accountHint,
                long typicalFen) {
    }

    static final List<Spec> BILLERS = List.of(
            new Spec("water", "市自来水公司", "WATER", ChargeMode.ALL_ARREARS, "\\d{10}", "10 位户号，见水费账单", 4_000),
            new Spec("power", "国网市供电公司", "ELECTRICITY", ChargeMode.ANY_AMOUNT, "\\d{10}",
                    "10 位户号，见电费账单；8 开头为预付费电表", 12_000),
            new Spec("gas", "市燃气公司", "GAS", ChargeMode.EXACT_BILL, "\\d{8}", "8 位用户号，见燃气卡或账单", 6_000),
            new Spec("cmcc", "中国移动", "TELECOM", ChargeMode.ANY_AMOUNT, "1[3-9]\\d{9}", "11 位手机号码", 8_800),
            new Spec("unicom", "中国联通", "TELECOM", ChargeMode.ANY_AMOUNT, "1[3-9]\\d{9}", "11 位手机号码", 7_600),
            new Spec("telecom", "中国电信", "TELECOM", ChargeMode.EXACT_BILL, "1[3-9]\\d{9}", "11 位手机号码（含宽带账单）",
                    12_900));

    private final Map<String, Spec> billers = new LinkedHashMap<>();
    private final Map<String, KeyPair> billerKeys = new LinkedHashMap<>();
    private final Map<String, KeyPair> partnerKeys = new LinkedHashMap<>();
    private final Map<String, Households> households = new ConcurrentHashMap<>();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    private volatile Instant lastPurge = Instant.EPOCH;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration slowAnswer;

    /**
     * @param slowAnswer   how long the timeout accounts keep the caller waiting (longer than any caller waits)
     * @param filesSameDay whether a day's file can be fetched on the day itself (tests and rehearsals; a real
     *                     biller's file is ready the next morning)
     */
    public BillerSandbox(SandboxKeys keys, Clock clock, Duration slowAnswer, boolean filesSameDay) {
        this.clock = clock;
        this.slowAnswer = slowAnswer;
        for (Spec spec : BILLERS) {
            billers.put(spec.id(), spec);
            billerKeys.put(spec.id(), keys.rsa("biller-" + spec.id()));
            partnerKeys.put(spec.id(), keys.rsa("biller-" + spec.id() + "-partner"));
            households.put(spec.id(), new Households(spec, clock, filesSameDay));
        }
    }

    @Override
    public String prefix() {
        return "/billers";
    }

    @Override
    public boolean overTls() {
        return false;
    }

    /**
     * How a node is configured for each biller, as from the biller's onboarding papers: who it is, how it charges,
     * its account numbers, its address, the partner's private key and the biller's public key.
     */
    public Map<String, String> nodeProperties(String baseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        int order = 0;
        for (Spec spec : BILLERS) {
            String prefix = "citycard.bills.billers." + spec.id() + ".";
            properties.put(prefix + "name", spec.name());
            properties.put(prefix + "kind", spec.kind());
            properties.put(prefix + "charge-mode", spec.mode().name());
            properties.put(prefix + "account-pattern", spec.accountPattern());
            properties.put(prefix + "account-hint", spec.accountHint());
            properties.put(prefix + "order", Integer.toString(order++));
            properties.put(prefix + "base-url", baseUrl + "/billers/" + spec.id());
            properties.put(prefix + "partner-id", "citycard");
            properties.put(prefix + "private-key",
                    Base64.getEncoder().encodeToString(partnerKeys.get(spec.id()).getPrivate().getEncoded()));
            properties.put(prefix + "biller-public-key",
                    Base64.getEncoder().encodeToString(billerKeys.get(spec.id()).getPublic().getEncoded()));
        }
        return properties;
    }

    /**
     * Whether each amount the account could be paid with today avoids the channels' magic amounts (fen parts 66, 77
     * and 88 are declined, lose their notification or are refused at the cashier): what tests pick accounts by.
     */
    public boolean ordinary(String biller, String accountNo) {
        return households.get(biller).ordinary(accountNo);
    }

    /** One write-off as the biller's daily file lists it. */
    public record WriteOffLine(String merchantOrderNo, String writeOffRef, String accountNo, long amountFen,
                               Instant at) {
    }

    /** The write-offs of one biller's day, as its daily file lists them (for tests). */
    public List<WriteOffLine> writeOffs(String biller, LocalDate day) {
        return households.get(biller).writeOffsOn(day).stream().map(w -> new WriteOffLine(w.merchantOrderNo(),
                w.writeOffRef(), w.accountNo(), w.amountFen(), w.at())).toList();
    }

    @Override
    public Response handle(Request request) {
        String[] parts = request.path().split("/");
        if (request.method().equals("GET") && parts.length <= 2) {
            return page();
        }
        if (parts.length != 5 || !request.method().equals("POST") || !billers.containsKey(parts[2])
                || !parts[3].equals("v1")) {
            return Html.json(404, "{\"code\":\"not-found\"}");
        }
        String biller = parts[2];
        String path = "/v1/" + parts[4];
        String requestNonce = String.valueOf(request.header("cc-nonce"));
        String refusal = refusal(biller, path, request);
        if (refusal != null) {
            return signed(biller, 401, requestNonce, Map.of("result", "UNAUTHORIZED", "reason", refusal));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (RuntimeException e) {
            return signed(biller, 400, requestNonce, Map.of("result", "BAD_REQUEST", "reason", "not JSON"));
        }
        Households book = households.get(biller);
        Map<String, Object> answer = switch (parts[4]) {
            case "query" -> book.query(text(body, "accountNo"));
            case "pay" -> {
                Map<String, Object> paid = book.pay(text(body, "merchantOrderNo"), text(body, "accountNo"),
                        body.path("amountFen").asLong(-1), text(body, "billId"));
                if (book.slow(text(body, "accountNo"), text(body, "merchantOrderNo"))) {
                    sleep(); // the write-off (or none) is done; the caller hears nothing in time
                }
                yield paid;
            }
            case "status" -> book.status(text(body, "merchantOrderNo"));
            case "reverse" -> book.reverse(text(body, "merchantOrderNo"));
            case "daily-file" -> book.dailyFile(text(body, "date"));
            default -> null;
        };
        return answer == null ? Html.json(404, "{\"code\":\"not-found\"}") : signed(biller, 200, requestNonce, answer);
    }

    private static String text(JsonNode body, String field) {
        return body.path(field).isString() ? body.path(field).asString() : "";
    }

    /** Null when the request is the partner's, fresh and new; otherwise why not. */
    private String refusal(String biller, String path, Request request) {
        String timestamp = request.header("cc-timestamp");
        String nonce = request.header("cc-nonce");
        String signature = request.header("cc-signature");
        if (timestamp == null || nonce == null || signature == null || !nonce.matches("[0-9a-f]{32}")
                || !timestamp.matches("\\d{1,12}")) {
            return "missing or malformed signature headers";
        }
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
            return "timestamp outside the 5-minute window";
        }
        String canonical = "POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + request.body();
        if (!verifies(partnerKeys.get(biller).getPublic(), canonical, signature)) {
            return "bad signature";
        }
        Instant purged = lastPurge;
        if (purged.isBefore(now.minusSeconds(10))) {
            // forgotten once outside the window twice over: looked at every 10 s, not at every request
            lastPurge = now;
            nonces.values().removeIf(seen -> seen.isBefore(now.minus(WINDOW.multipliedBy(2))));
        }
        if (nonces.putIfAbsent(biller + ":" + nonce, now) != null) {
            return "nonce already used";
        }
        return null;
    }

    private static boolean verifies(PublicKey key, String canonical, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private Response signed(String biller, int status, String requestNonce, Map<String, Object> answer) {
        String body = JSON.writeValueAsString(answer);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String canonical = status + "\n" + requestNonce + "\n" + timestamp + "\n" + nonce + "\n" + body;
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(billerKeys.get(biller).getPrivate());
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            return new Response(status, Map.of("Content-Type", "application/json;charset=UTF-8",
                    "CC-Timestamp", timestamp, "CC-Nonce", nonce,
                    "CC-Signature", Base64.getEncoder().encodeToString(signer.sign())), body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(slowAnswer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Response page() {
        StringBuilder rows = new StringBuilder();
        for (Spec spec : BILLERS) {
            String sample = spec.accountPattern().startsWith("1") ? "1380013" : spec.accountPattern().contains("10")
                    ? "330100" : "5501";
            rows.append("<tr><td>").append(Html.escape(spec.name())).append("</td><td><code>").append(spec.id())
                    .append("</code></td><td>").append(spec.mode()).append("</td><td><code>").append(sample)
                    .append("0001</code></td><td>").append(Fen.of(spec.typicalFen()).display()).append("</td></tr>");
        }
        return Html.page("缴费机构沙箱 Billers", "<h1>缴费机构沙箱 <span lang=\"en\">Sandbox billers</span></h1>"
                + "<p class=\"note\">每个户号都有一户人家（欠费、滞纳金逐日增长）。以下尾号决定结果。"
                + "<span lang=\"en\">Every well-formed account number is a household with arrears and late fees that"
                + " grow daily; these endings choose an outcome.</span></p>"
                + "<table><caption>机构 <span lang=\"en\">Billers</span></caption><thead><tr><th scope=\"col\">名称</th>"
                + "<th scope=\"col\">id</th><th scope=\"col\">缴费方式 <span lang=\"en\">charge mode</span></th>"
                + "<th scope=\"col\">示例户号 <span lang=\"en\">sample account</span></th>"
                + "<th scope=\"col\">典型账单 <span lang=\"en\">typical bill</span></th></tr></thead><tbody>" + rows
                + "</tbody></table>"
                + "<table><caption>魔法尾号 <span lang=\"en\">Magic endings</span></caption><tbody>"
                + "<tr><th scope=\"row\">0000</th><td>户号不存在 <span lang=\"en\">no such account</span></td></tr>"
                + "<tr><th scope=\"row\">9901</th><td>查询有欠费，缴费时已在别处缴清 <span lang=\"en\">paid elsewhere between query and payment</span></td></tr>"
                + "<tr><th scope=\"row\">9902</th><td>销账被拒 <span lang=\"en\">write-off refused</span></td></tr>"
                + "<tr><th scope=\"row\">9903</th><td>已销户 <span lang=\"en\">account closed</span></td></tr>"
                + "<tr><th scope=\"row\">9904</th><td>已销账但应答超时 <span lang=\"en\">timeout after the write-off was taken</span></td></tr>"
                + "<tr><th scope=\"row\">9905</th><td>异步销账（受理后约 2 秒完成） <span lang=\"en\">asynchronous write-off, done about 2 s after \"accepted\"</span></td></tr>"
                + "<tr><th scope=\"row\">9906</th><td>超时且未销账 <span lang=\"en\">timeout, nothing written off</span></td></tr>"
                + "<tr><th scope=\"row\">9907</th><td>无欠费 <span lang=\"en\">nothing due</span></td></tr>"
                + "<tr><th scope=\"row\">8…</th><td>供电：预付费电表（可预存） <span lang=\"en\">electricity: a prepaid meter, pay ahead</span></td></tr>"
                + "</tbody></table>");
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE);
    }
}
