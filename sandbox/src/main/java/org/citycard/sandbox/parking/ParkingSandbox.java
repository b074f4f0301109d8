package org.citycard.sandbox.parking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.citycard.sandbox.Html;
import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxKeys;

/**
 * Parking operators in a box: each with its own RSA key, sending its gate events to the platform's feed exactly as
 * docs/parking-feed-protocol.md says (signed, with a timestamp and a fresh nonce). {@code /parking} is a page that
 * plays a driver (drive in, drive out, at a lot, a plate, some minutes ago); {@code /parking/load} sends many cars'
 * events with duplicates, late back-fills and missing entries. The platform's address comes from the node that
 * started the sandbox, or the page's form.
 */
public final class ParkingSandbox implements SandboxGateway.Simulator {

    /** The simulated operators and their lots (the demo data's ids). */
    static final Map<String, List<String>> OPERATORS = Map.of(
            "hs-city", List.of("hs-square", "central-hospital", "railway-station", "tuancheng-park", "yiyang-road",
                    "cihu-road"),
            "cihu-mall", List.of("wanda-plaza", "tianfang"));

    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile String platform;

    public ParkingSandbox(SandboxKeys sandboxKeys, Clock clock) {
        this.clock = clock;
        OPERATORS.keySet().stream().sorted().forEach(id -> keys.put(id, sandboxKeys.rsa("parking-" + id)));
    }

    /** Where the platform's feeds are ({@code http://127.0.0.1:8080}): the node says so once it listens. */
    public void platform(String baseUrl) {
        this.platform = baseUrl;
    }

    @Override
    public String prefix() {
        return "/parking";
    }

    @Override
    public boolean overTls() {
        return false;
    }

    /** Each operator's public key, as the operator hands it to the city when it joins. */
    public Map<String, String> nodeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        keys.forEach((id, pair) -> properties.put("citycard.parking.operator-keys." + id,
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())));
        return properties;
    }

    /** One event as an operator sends it. */
    public record Event(String eventId, String lotId, String direction, String plate, String colour, Instant at) {
        String json() {
            return "{\"eventId\":\"" + eventId + "\",\"lotId\":\"" + lotId + "\",\"gate\":\"" + direction.toLowerCase()
                    + "-1\",\"direction\":\"" + direction + "\",\"plate\":\"" + plate + "\",\"colour\":\"" + colour
                    + "\",\"at\":\"" + at + "\"}";
        }
    }

    /** Sends the events in one signed request; the platform's status and answer. */
    public HttpResponse<String> send(String operator, List<Event> events) throws Exception {
        return send(platform, operator, events);
    }

    HttpResponse<String> send(String base, String operator, List<Event> events) throws Exception {
        if (base == null || !keys.containsKey(operator)) {
            throw new IllegalStateException("no platform address, or no such operator");
        }
        String path = "/api/parking/v1/operators/" + operator + "/events";
        String body = "{\"events\":[" + String.join(",", events.stream().map(Event::json).toList()) + "]}";
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String n = HexFormat.of().formatHex(nonce);
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("CC-Timestamp", timestamp).header("CC-Nonce", n)
                .header("CC-Signature", sign(operator, "POST\n" + path + "\n" + timestamp + "\n" + n + "\n" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String sign(String operator, String canonical) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.get(operator).getPrivate());
        signer.update(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    @Override
    public SandboxGateway.Response handle(SandboxGateway.Request request) {
        String path = request.path();
        try {
            if (path.equals("/parking") && "GET".equals(request.method())) {
                return page(null);
            }
            if (path.equals("/parking/drive") && "POST".equals(request.method())) {
                return drive(SandboxGateway.query(request.body()));
            }
            if (path.equals("/parking/load") && "POST".equals(request.method())) {
                return load(SandboxGateway.query(request.body()));
            }
        } catch (Exception e) {
            return page("发送失败 <span lang=\"en\">not sent</span>: " + Html.escape(e.getClass().getSimpleName()));
        }
        return Html.json(404, "{\"code\":\"not-found\"}");
    }

    private SandboxGateway.Response drive(Map<String, String> form) throws Exception {
        String operator = form.getOrDefault("operator", "");
        String lot = form.getOrDefault("lot", "");
        String plate = form.getOrDefault("plate", "").strip();
        String colour = form.getOrDefault("colour", "BLUE");
        String direction = "EXIT".equals(form.get("direction")) ? "EXIT" : "ENTRY";
        long minutesAgo;
        try {
            minutesAgo = Math.clamp(Long.parseLong(form.getOrDefault("minutesAgo", "0")), 0, 60L * 24 * 30);
        } catch (NumberFormatException e) {
            minutesAgo = 0;
        }
        if (!OPERATORS.getOrDefault(operator, List.of()).contains(lot)) {
            return page("这个停车场不属于该运营单位 <span lang=\"en\">that lot is not this operator's</span>");
        }
        Event event = new Event(direction.toLowerCase() + "-" + HexFormat.of().formatHex(randomBytes(6)), lot, direction,
                plate, colour, clock.instant().minus(Duration.ofMinutes(minutesAgo)));
        HttpResponse<String> answer = send(operator, List.of(event));
        return page("平台答复 <span lang=\"en\">the platform answered</span> " + answer.statusCode() + ": <code id=\"drive-answer\">"
                + Html.escape(answer.body()) + "</code>");
    }

    /**
     * {@code cars} cars through one lot: each in and out; one in ten events sent twice, one car in ten with its exit
     * sent first, one in fifty with no entry at all.
     */
    private SandboxGateway.Response load(Map<String, String> form) throws Exception {
        String operator = form.getOrDefault("operator", "hs-city");
        String lot = form.getOrDefault("lot", "hs-square");
        int cars;
        try {
            cars = Math.clamp(Integer.parseInt(form.getOrDefault("cars", "100")), 1, 10_000);
        } catch (NumberFormatException e) {
            cars = 100;
        }
        if (!OPERATORS.getOrDefault(operator, List.of()).contains(lot)) {
            return page("这个停车场不属于该运营单位 <span lang=\"en\">that lot is not this operator's</span>");
        }
        Random shuffle = new Random();
        String run = HexFormat.of().formatHex(randomBytes(3)).toUpperCase();
        List<Event> events = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < cars; i++) {
            String plate = "鄂A" + run.substring(0, 1).replaceAll("[IO]", "X") + String.format("%04d", i % 10_000);
            Instant in = now.minus(Duration.ofMinutes(30 + shuffle.nextInt(600)));
            Event entry = new Event("L" + run + "-in-" + i, lot, "ENTRY", plate, "BLUE", in);
            Event exit = new Event("L" + run + "-out-" + i, lot, "EXIT", plate, "BLUE",
                    in.plus(Duration.ofMinutes(10 + shuffle.nextInt(300))));
            if (i % 50 != 49) {
                if (i % 10 == 3) {
                    events.add(exit);
                    events.add(entry);
                } else {
                    events.add(entry);
                    events.add(exit);
                }
            } else {
                events.add(exit);
            }
        }
        int unique = events.size();
        for (int i = 0; i < unique; i += 10) {
            events.add(events.get(i));
        }
        Collections.shuffle(events.subList(unique, events.size()), shuffle);
        int sent = 0;
        int refused = 0;
        for (int i = 0; i < events.size(); i += 100) {
            HttpResponse<String> answer = send(operator, events.subList(i, Math.min(events.size(), i + 100)));
            if (answer.statusCode() == 200) {
                sent += Math.min(100, events.size() - i);
            } else {
                refused++;
            }
        }
        return page("已发送 <span lang=\"en\">sent</span> <span id=\"load-sent\">" + sent + "</span> 条事件（" + unique
                + " 条不重复），" + refused + " 个请求被拒 <span lang=\"en\">requests refused</span>");
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private SandboxGateway.Response page(String outcome) {
        StringBuilder lots = new StringBuilder();
        OPERATORS.forEach((operator, ids) -> ids.forEach(id -> lots.append("<option value=\"").append(id).append("\">")
                .append(operator).append(" · ").append(id).append("</option>")));
        String body = "<h1>停车场模拟器 <span lang=\"en\">Parking operators</span></h1>"
                + (platform == null ? "<p>平台地址未知 <span lang=\"en\">the platform has not said where it is</span></p>" : "")
                + (outcome == null ? "" : "<p role=\"status\">" + outcome + "</p>")
                + "<h2>开车进出 <span lang=\"en\">Drive in or out</span></h2>"
                + "<form method=\"post\" action=\"/parking/drive\">"
                + "<label>运营单位 <span lang=\"en\">Operator</span> <select name=\"operator\" id=\"drive-operator\">"
                + "<option value=\"hs-city\">hs-city 黄石城市停车</option><option value=\"cihu-mall\">cihu-mall 磁湖商业管理</option>"
                + "</select></label>"
                + "<label>停车场 <span lang=\"en\">Lot</span> <select name=\"lot\" id=\"drive-lot\">" + lots + "</select></label>"
                + "<label>车牌 <span lang=\"en\">Plate</span> <input name=\"plate\" id=\"drive-plate\" required maxlength=\"10\"></label>"
                + "<label>颜色 <span lang=\"en\">Colour</span> <select name=\"colour\" id=\"drive-colour\">"
                + "<option>BLUE</option><option>GREEN</option><option>YELLOW</option><option>YELLOW_GREEN</option></select></label>"
                + "<label>几分钟前 <span lang=\"en\">Minutes ago</span> <input name=\"minutesAgo\" id=\"drive-minutes\" value=\"0\" inputmode=\"numeric\"></label>"
                + "<button name=\"direction\" value=\"ENTRY\" id=\"drive-in\">入场 <span lang=\"en\">Drive in</span></button> "
                + "<button name=\"direction\" value=\"EXIT\" id=\"drive-out\">出场 <span lang=\"en\">Drive out</span></button>"
                + "</form>"
                + "<h2>压力测试 <span lang=\"en\">Load</span></h2>"
                + "<p>每十条事件重发一条、十辆车中一辆先发出场、五十辆中一辆没有入场。<span lang=\"en\">One event in ten twice, "
                + "one car in ten exit first, one in fifty with no entry.</span></p>"
                + "<form method=\"post\" action=\"/parking/load\"><label>车辆数 <span lang=\"en\">Cars</span> "
                + "<input name=\"cars\" value=\"100\" inputmode=\"numeric\"></label> "
                + "<input type=\"hidden\" name=\"operator\" value=\"hs-city\"><input type=\"hidden\" name=\"lot\" value=\"hs-square\">"
                + "<button>发送 <span lang=\"en\">Send</span></button></form>";
        return Html.page("停车场模拟器 Parking operators", body);
    }
}
