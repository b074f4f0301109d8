package org.citycard.health.connector.provincial;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.citycard.health.connector.HealthCardPlatform;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial platform over its envelope protocol: {@code POST {base}/gateway} with the sealed, signed envelope
 * as JSON; the answer is believed only when {@link Envelope#open} accepts it.
 */
public final class ProvincialPlatform implements HealthCardPlatform {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * What the platform issued to us when we joined: our app and terminal ids, the app secret (HMAC-SM3) and the
     * SM4 key (32 hex digits).
     */
    public record Settings(String baseUrl, String appId, String terminalId, String appSecret, String encryptionKey) {
        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", " + appId + "]";
        }
    }

    private final Settings settings;
    private final Envelope envelope;
    private final HttpClient http;

    public ProvincialPlatform(Settings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.envelope = new Envelope(settings.appId(), settings.appSecret(), settings.encryptionKey(), clock);
        this.http = http;
    }

    @Override
    public Registration register(Applicant a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idType", "01");
        body.put("idNumber", a.idNumber());
        body.put("name", a.name());
        body.put("sex", a.sex());
        body.put("birthDate", a.birthDate().toString());
        put(body, "phone", a.phone());
        put(body, "guardianIdNumber", a.guardianIdNumber());
        put(body, "birthCertificateNo", a.birthCertificateNo());
        body.put("relation", a.relation());
        Answer answer = call("ehc.card.register", body);
        return answer.ok() ? new Registration.Registered(answer.text("ehcId"), answer.content().path("existing").asBoolean())
                : new Registration.Refused(answer.refusal());
    }

    @Override
    public CardState query(String ehcId) {
        Answer answer = call("ehc.card.query", Map.of("ehcId", ehcId));
        if (!answer.ok()) {
            return switch (answer.refusal()) {
                case CARD_UNKNOWN -> CardState.UNKNOWN;
                case CARD_CLOSED -> CardState.CLOSED;
                default -> throw unexpected("ehc.card.query", answer);
            };
        }
        return state(answer);
    }

    @Override
    public CardState close(String ehcId, String reason) {
        Answer answer = call("ehc.card.close", Map.of("ehcId", ehcId, "reason", reason));
        if (!answer.ok()) {
            return switch (answer.refusal()) {
                case CARD_UNKNOWN -> CardState.UNKNOWN;
                case CARD_CLOSED -> CardState.CLOSED;
                default -> throw unexpected("ehc.card.close", answer);
            };
        }
        return state(answer);
    }

    @Override
    public Generated generate(String ehcId) {
        Answer answer = call("ehc.code.generate", Map.of("ehcId", ehcId, "codeType", "DYNAMIC"));
        if (!answer.ok()) {
            return new Generated.Refused(answer.refusal());
        }
        return new Generated.Code(answer.text("code"), Instant.ofEpochMilli(answer.content().path("expiresAt").asLong()));
    }

    @Override
    public CodeCheck verify(String code, String orgCode, String scene, String channel) {
        Answer answer = call("ehc.code.verify", Map.of("code", code, "orgCode", orgCode, "scene", scene,
                "channel", channel));
        return answer.ok() ? new CodeCheck.Valid(answer.text("ehcId")) : new CodeCheck.Invalid(answer.refusal());
    }

    private static void put(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value);
        }
    }

    private CardState state(Answer answer) {
        return switch (answer.text("state")) {
            case "ACTIVE" -> CardState.ACTIVE;
            case "CLOSED" -> CardState.CLOSED;
            default -> throw unexpected("state", answer);
        };
    }

    /** An answer that verified: its code ("0" is success) and business content. */
    private record Answer(String code, String msg, JsonNode content) {
        boolean ok() {
            return "0".equals(code);
        }

        String text(String field) {
            String value = content.path(field).asString("");
            if (value.isEmpty()) {
                throw new PlatformUnavailable("the platform's answer lacks " + field);
            }
            return value;
        }

        Refusal refusal() {
            return switch (code) {
                case "2001" -> Refusal.ID_INVALID;
                case "2002" -> Refusal.IDENTITY_MISMATCH;
                case "2003" -> Refusal.BIRTH_CERTIFICATE_MISMATCH;
                case "2004" -> Refusal.CARD_UNKNOWN;
                case "2005" -> Refusal.CARD_CLOSED;
                case "3001" -> Refusal.CODE_INVALID;
                case "3002" -> Refusal.CODE_EXPIRED;
                case "3003" -> Refusal.CODE_USED;
                default -> throw new PlatformUnavailable("the platform answered " + code + " " + msg);
            };
        }
    }

    private static PlatformUnavailable unexpected(String method, Answer answer) {
        return new PlatformUnavailable("unexpected answer to " + method + ": " + answer.code());
    }

    private Answer call(String method, Map<String, ?> business) {
        Map<String, String> request = envelope.seal(settings.terminalId(), method, JSON.writeValueAsString(business));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/gateway"))
                            .timeout(TIMEOUT).header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request),
                                    StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PlatformUnavailable("the platform did not answer " + method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailable("interrupted while calling " + method, e);
        }
        if (response.statusCode() != 200) {
            throw new PlatformUnavailable("the platform answered HTTP " + response.statusCode() + " to " + method);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode tree = JSON.readTree(response.body());
            tree.properties().forEach(e -> fields.put(e.getKey(), e.getValue().isString() ? e.getValue().asString()
                    : e.getValue().toString()));
            return switch (envelope.open(fields, method, request.get("nonce"))) {
                case Envelope.Opened.Content c -> new Answer(c.code(), c.msg(), JSON.readTree(c.bizJson()));
                case Envelope.Opened.Refused r -> throw new PlatformUnavailable("the platform's answer to " + method
                        + " is refused: " + r.why());
            };
        } catch (JacksonException e) {
            throw new PlatformUnavailable("the platform's answer to " + method + " is not JSON", e);
        }
    }
}
