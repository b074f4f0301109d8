package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.citycard.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production profile: PostgreSQL and Redis, never demo data, never demo accounts. */
@ActiveProfiles("prod")
@SpringBootTest(classes = CityCardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "citycard.admin.accounts[0].username=ops",
                // bcrypt of "ops-test-pw"
                "citycard.admin.accounts[0].password={bcrypt}$2a$10$UXW3T.aEVPCJjVIX1TAgEeXYBdW/RXgwHNUz26k6ikf8f2PMEli7.",
                "citycard.admin.accounts[0].roles=MONITORING"
        })
class ProductionProfileTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @LocalServerPort
    int port;

    @BeforeAll
    static void requireServices() {
        PlatformTest.requireServices();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformTest.useServices(registry, SCHEMA);
        var keys = org.citycard.card.privacy.PersonalDataProtection.generateKeys(new java.security.SecureRandom());
        byte[] seed = org.citycard.card.code.CodeKeys.generate(7, new java.security.SecureRandom()).signingSeed();
        registry.add("citycard.card.keys.privacy-keyset", keys::keysetJson);
        registry.add("citycard.card.keys.privacy-index-key", keys::indexKeyBase64);
        registry.add("citycard.card.keys.code-keys", () -> "7:" + java.util.Base64.getEncoder().encodeToString(seed));
        registry.add("citycard.card.keys.code-signing-key-id", () -> "7");
        String jwks = new com.nimbusds.jose.jwk.JWKSet(IdentityKeys.generate()).toString(false);
        registry.add("citycard.identity.jwk-set", () -> jwks);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    @Test
    void production_starts_with_an_empty_catalog_and_no_demo_accounts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String services = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/mp/v1/catalog/services")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(services).contains("\"total\":0");
        int demoAdmin = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:anything".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(demoAdmin).isEqualTo(401);
        int ops = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:ops-test-pw".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(ops).isEqualTo(200);
    }

    @Test
    void production_signs_codes_with_the_configured_key(@org.springframework.beans.factory.annotation.Autowired
                                                         org.citycard.card.code.CodeKeys codeKeys) {
        assertThat(codeKeys.publicKeys()).extracting(k -> k.get("kid")).containsExactly("7");
    }

    @Test
    void health_includes_the_database_and_redis() throws Exception {
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"status\":\"UP\"");
    }
}
