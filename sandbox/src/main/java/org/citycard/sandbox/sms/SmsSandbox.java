package org.citycard.sandbox.sms;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.citycard.kernel.ChinaTime;
import org.citycard.sandbox.Html;
import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxGateway.Request;
import org.citycard.sandbox.payment.SandboxGateway.Response;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider: {@code POST /sms/send} takes {@code {"phone","text"}} with the bearer token the nodes are
 * configured with (as a real provider's gateway would), and keeps the newest 1,000 messages. A developer reads them on
 * {@code /sms} (phone numbers masked, newest first) or as JSON from {@code /sms/messages?phone=...}.
 */
public final class SmsSandbox implements SandboxGateway.Simulator {

    static final int KEPT = 1_000;
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ChinaTime.ZONE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message as the provider received it. */
    public record Message(String phone, String text, Instant sentAt) {
        public String phoneMasked() {
            return phone.substring(0, 3) + "****" + phone.substring(7);
        }
    }

    private final String token;
    private final Deque<Message> messages = new ArrayDeque<>();

    public SmsSandbox(String token) {
        this.token = token;
    }

    @Override
    public String prefix() {
        return "/sms";
    }

    @Override
    public boolean overTls() {
        return false;
    }

    /** How a node sends through this provider: {@code citycard.card.sms.*}, as for a real one. */
    public Map<String, String> nodeProperties(String baseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("citycard.card.sms.sender", "http");
        properties.put("citycard.card.sms.http-url", baseUrl + "/sms/send");
        properties.put("citycard.card.sms.http-token", token);
        properties.put("citycard.card.sms.inbox-url", baseUrl + "/sms");
        return properties;
    }

    /** Every message kept, newest first. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages sent to a phone, newest first. */
    public synchronized List<Message> messages(String phone) {
        return messages.stream().filter(m -> m.phone().equals(phone)).toList();
    }

    @Override
    public Response handle(Request request) {
        return switch (request.method() + " " + request.path()) {
            case "POST /sms/send" -> send(request);
            case "GET /sms/messages" -> {
                String phone = request.query().getOrDefault("phone", "");
                if (!PHONE.matcher(phone).matches()) {
                    yield Html.json(400, "{\"code\":\"bad-phone\",\"detail\":\"phone is a mainland mobile number\"}");
                }
                yield Html.json(200, JSON.writeValueAsString(messages(phone).stream().map(m -> Map.of(
                        "phoneMasked", m.phoneMasked(), "text", m.text(), "sentAt", m.sentAt().toString())).toList()));
            }
            case "GET /sms", "GET /sms/" -> page();
            default -> Html.json(404, "{\"code\":\"not-found\"}");
        };
    }

    private Response send(Request request) {
        if (!("Bearer " + token).equals(request.header("authorization"))) {
            return Html.json(401, "{\"code\":\"unauthorized\"}");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (RuntimeException e) {
            return Html.json(400, "{\"code\":\"bad-json\"}");
        }
        String phone = body.path("phone").asString("");
        String text = body.path("text").asString("");
        if (!PHONE.matcher(phone).matches() || text.isBlank() || text.length() > 500
                || text.chars().anyMatch(Character::isISOControl)) {
            return Html.json(400, "{\"code\":\"bad-message\"}");
        }
        synchronized (this) {
            messages.addFirst(new Message(phone, text, Instant.now()));
            while (messages.size() > KEPT) {
                messages.removeLast();
            }
        }
        return Html.json(200, "{\"code\":\"OK\"}");
    }

    private synchronized Response page() {
        StringBuilder rows = new StringBuilder();
        for (Message m : messages) {
            rows.append("<tr><td>").append(TIME.format(m.sentAt())).append("</td><td>").append(m.phoneMasked())
                    .append("</td><td>").append(Html.escape(m.text())).append("</td></tr>");
        }
        return Html.page("短信收件箱 SMS inbox · 沙箱 sandbox", "<h1>短信收件箱 <span lang=\"en\">SMS inbox</span></h1>"
                + "<p class=\"note\">沙箱短信网关收到的短信，最新在前（手机号已隐去中间四位）。"
                + "<span lang=\"en\">What the sandbox SMS provider received, newest first.</span></p>"
                + (messages.isEmpty() ? "<p id=\"sms-empty\">还没有短信。<span lang=\"en\">No messages yet.</span></p>"
                : "<table id=\"sms-messages\"><caption>短信 <span lang=\"en\">Messages</span></caption><thead><tr>"
                + "<th scope=\"col\">时间 <span lang=\"en\">Sent</span></th><th scope=\"col\">手机 <span lang=\"en\">Phone</span></th>"
                + "<th scope=\"col\">内容 <span lang=\"en\">Text</span></th></tr></thead><tbody>" + rows + "</tbody></table>"));
    }
}
