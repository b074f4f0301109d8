package org.citycard.health.connector.provincial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.citycard.health.connector.HealthCardPlatform;
import org.citycard.health.connector.HealthCardPlatform.Applicant;
import org.citycard.health.connector.HealthCardPlatform.CardState;
import org.citycard.health.connector.HealthCardPlatform.CodeCheck;
import org.citycard.health.connector.HealthCardPlatform.Generated;
import org.citycard.health.connector.HealthCardPlatform.Refusal;
import org.citycard.health.connector.HealthCardPlatform.Registration;
import org.citycard.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The provincial connector against the sandbox's platform, each side its own SM implementation: cards registered
 * once per ID number, dependants checked, dynamic codes good once, and envelopes that are tampered with, replayed,
 * stale or keyed wrongly refused both ways.
 */
class PlatformOnSandboxTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Sandbox sandbox;
    private static ProvincialPlatform.Settings settings;
    private static HttpClient http;
    private static HealthCardPlatform platform;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(new Sandbox.Settings(null, null, 0, 0, Duration.ofSeconds(1), false, null));
        Map<String, String> p = sandbox.nodeProperties();
        settings = new ProvincialPlatform.Settings(p.get("citycard.health.platform.base-url"),
                p.get("citycard.health.platform.app-id"), p.get("citycard.health.platform.terminal-id"),
                p.get("citycard.health.platform.app-secret"), p.get("citycard.health.platform.encryption-key"));
        http = HttpClient.newHttpClient();
        platform = new ProvincialPlatform(settings, http, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A valid ID number (GB 11643) born on that day, of that sex, with a random sequence. */
    static String idNumber(LocalDate born, boolean male) {
        int sequence = java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 50) * 2 + (male ? 1 : 0);
        String first = "420202" + born.toString().replace("-", "")
                + String.format("%02d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100)) + sequence % 10;
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first.charAt(i) - '0') * weights[i];
        }
        return first + "10X98765432".charAt(sum % 11);
    }

    private static Applicant self(String name, String id, LocalDate born, boolean male) {
        return new Applicant(name, id, male ? "MALE" : "FEMALE", born, "13800000000", null, null, "SELF");
    }

    @Test
    void one_card_per_id_number_whose_dynamic_codes_are_good_once_and_whose_static_code_stays() {
        LocalDate born = LocalDate.of(1986, 5, 4);
        String id = idNumber(born, true);
        Registration first = platform.register(self("王建国", id, born, true));
        assertThat(first).isInstanceOf(Registration.Registered.class);
        String ehcId = ((Registration.Registered) first).ehcId();
        assertThat(ehcId).matches("[0-9a-f]{64}");
        assertThat(platform.register(self("王建国", id, born, true)))
                .isEqualTo(new Registration.Registered(ehcId, true));
        assertThat(platform.query(ehcId)).isEqualTo(CardState.ACTIVE);

        Generated.Code code = (Generated.Code) platform.generate(ehcId);
        assertThat(code.text()).matches(ehcId + ":0:[0-9A-F]{32}");
        assertThat(code.expiresAt()).isAfter(Instant.now());
        Generated.Code next = (Generated.Code) platform.generate(ehcId);
        assertThat(next.text()).isNotEqualTo(code.text());
        assertThat(platform.verify(code.text(), "420200-H001", "REGISTRATION", "WINDOW"))
                .isEqualTo(new CodeCheck.Valid(ehcId));
        assertThat(platform.verify(code.text(), "420200-H001", "CONSULTATION", "DOCTOR"))
                .isEqualTo(new CodeCheck.Invalid(Refusal.CODE_USED));
        assertThat(platform.verify(ehcId + ":1", "420200-H001", "PHARMACY", "WINDOW"))
                .isEqualTo(new CodeCheck.Valid(ehcId));
        assertThat(platform.verify("not a code", "420200-H001", "PHARMACY", "WINDOW"))
                .isEqualTo(new CodeCheck.Invalid(Refusal.CODE_INVALID));
        assertThat(sandbox.health().uses()).filteredOn(u -> u.ehcId().equals(ehcId))
                .extracting(u -> u.scene()).containsExactly("REGISTRATION", "PHARMACY");

        assertThat(platform.close(ehcId, "holder asked")).isEqualTo(CardState.CLOSED);
        assertThat(platform.query(ehcId)).isEqualTo(CardState.CLOSED);
        assertThat(platform.verify(next.text(), "420200-H001", "REGISTRATION", "WINDOW"))
                .isEqualTo(new CodeCheck.Invalid(Refusal.CARD_CLOSED));
        assertThat(platform.generate(ehcId)).isEqualTo(new Generated.Refused(Refusal.CARD_CLOSED));
        assertThat(platform.query("0".repeat(64))).isEqualTo(CardState.UNKNOWN);
    }

    @Test
    void the_platform_checks_who_a_card_is_for() {
        LocalDate born = LocalDate.of(1990, 2, 28);
        String id = idNumber(born, false);
        assertThat(platform.register(self("李冒名", id, born, false)))
                .isEqualTo(new Registration.Refused(Refusal.IDENTITY_MISMATCH));
        assertThat(platform.register(self("李秀英", id, born, true)))
                .isEqualTo(new Registration.Refused(Refusal.ID_INVALID));
        assertThat(platform.register(self("李秀英", id.substring(0, 17) + (id.endsWith("1") ? "2" : "1"), born, false)))
                .isEqualTo(new Registration.Refused(Refusal.ID_INVALID));

        LocalDate childBorn = LocalDate.of(2022, 7, 1);
        String child = idNumber(childBorn, true);
        assertThat(platform.register(new Applicant("王小宝", child, "MALE", childBorn, null, id, "O450120000",
                "CHILD"))).isEqualTo(new Registration.Refused(Refusal.BIRTH_CERTIFICATE_MISMATCH));
        assertThat(platform.register(new Applicant("王小宝", child, "MALE", childBorn, null, id, "O450123456",
                "CHILD"))).isInstanceOf(Registration.Registered.class);
    }

    @Test
    void a_tampered_replayed_stale_or_wrongly_keyed_envelope_is_refused_and_a_forged_answer_is_not_believed() throws Exception {
        Envelope ours = new Envelope(settings.appId(), settings.appSecret(), settings.encryptionKey(), Clock.systemUTC());
        String query = "{\"ehcId\":\"" + "0".repeat(64) + "\"}";
        Map<String, String> request = ours.seal(settings.terminalId(), "ehc.card.query", query);
        assertThat(post(request).get("code")).isEqualTo("2004");
        // the same envelope again: replayed
        assertThat(post(request).get("code")).isEqualTo("1002");

        // content altered after signing
        Map<String, String> altered = new LinkedHashMap<>(ours.seal(settings.terminalId(), "ehc.card.query", query));
        byte[] content = Base64.getDecoder().decode(altered.get("bizContent"));
        content[0] ^= 1;
        altered.put("bizContent", Base64.getEncoder().encodeToString(content));
        assertThat(post(altered).get("code")).isEqualTo("1001");
        // altered and signed again by someone who has the app secret but not the content key: it does not decrypt
        altered.put("sign", ours.sign(altered));
        assertThat(post(altered).get("code")).isEqualTo("1003");
        // the method changed under a valid signature: the associated data no longer matches
        Map<String, String> moved = new LinkedHashMap<>(ours.seal(settings.terminalId(), "ehc.card.query", query));
        moved.put("method", "ehc.card.close");
        moved.put("sign", ours.sign(moved));
        assertThat(post(moved).get("code")).isEqualTo("1003");

        // six minutes old
        Envelope late = new Envelope(settings.appId(), settings.appSecret(), settings.encryptionKey(),
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertThat(post(late.seal(settings.terminalId(), "ehc.card.query", query)).get("code")).isEqualTo("1002");
        // another secret
        Envelope stranger = new Envelope(settings.appId(), "not the secret", settings.encryptionKey(), Clock.systemUTC());
        assertThat(post(stranger.seal(settings.terminalId(), "ehc.card.query", query)).get("code")).isEqualTo("1001");

        // a genuine answer is not believed for another request, nor once its signature is broken
        Map<String, String> first = ours.seal(settings.terminalId(), "ehc.card.query", query);
        Map<String, String> answer = post(first);
        assertThat(ours.open(answer, "ehc.card.query", first.get("nonce"))).isInstanceOf(Envelope.Opened.Content.class);
        assertThat(ours.open(answer, "ehc.card.query", "f".repeat(32))).isInstanceOf(Envelope.Opened.Refused.class);
        Map<String, String> forged = new LinkedHashMap<>(answer);
        forged.put("code", "0");
        assertThat(ours.open(forged, "ehc.card.query", first.get("nonce"))).isInstanceOf(Envelope.Opened.Refused.class);

        // a client keyed wrongly hears nothing it can believe
        HealthCardPlatform wrong = new ProvincialPlatform(new ProvincialPlatform.Settings(settings.baseUrl(),
                settings.appId(), settings.terminalId(), "not the secret", settings.encryptionKey()), http, Clock.systemUTC());
        assertThatThrownBy(() -> wrong.query("0".repeat(64))).isInstanceOf(HealthCardPlatform.PlatformUnavailable.class);
        HealthCardPlatform nowhere = new ProvincialPlatform(new ProvincialPlatform.Settings("http://127.0.0.1:9/ehc",
                settings.appId(), settings.terminalId(), settings.appSecret(), settings.encryptionKey()), http, Clock.systemUTC());
        assertThatThrownBy(() -> nowhere.query("0".repeat(64))).isInstanceOf(HealthCardPlatform.PlatformUnavailable.class);
    }

    private static Map<String, String> post(Map<String, String> envelope) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/gateway"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(envelope), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = new LinkedHashMap<>();
        JSON.readTree(response.body()).properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString("")));
        return fields;
    }
}
