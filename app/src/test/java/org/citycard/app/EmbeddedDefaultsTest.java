package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform exactly as a newcomer starts it: H2 file database, in-process cache, demo data and demo
 * administrators, all in a fresh data directory. Needs no service.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = CityCardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultsTest {

    private static final Path DATA = temporaryDirectory();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("citycard.data-dir", DATA::toString);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.payment.Reconciliation reconciliation;

    @Test
    void the_payment_sandbox_serves_every_channel_and_a_day_reconciles_on_h2() {
        var report = reconciliation.run(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        // each channel's statement in its own format: WeChat Pay's bill, Alipay's zip, UnionPay's ZM file by ACP
        assertThat(report.summaries()).extracting(org.citycard.payment.Reconciliation.Summary::channel)
                .containsExactlyInAnyOrder(org.citycard.payment.ChannelId.WECHAT_PAY,
                        org.citycard.payment.ChannelId.ALIPAY, org.citycard.payment.ChannelId.UNIONPAY);
        assertThat(report.summaries()).allSatisfy(summary -> assertThat(summary.error()).isNull());
        assertThat(reconciliation.report(report.day())).isPresent();
    }

    @Test
    void the_demo_catalog_is_published_on_h2_with_at_least_60_services_in_10_categories() throws Exception {
        assertThat(Files.list(DATA).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("citycard") && n.endsWith(".db"));
        assertThat(get("/api/mp/v1/catalog/services?size=1").get("total").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(get("/api/mp/v1/catalog/categories").size()).isGreaterThanOrEqualTo(10);
        assertThat(get("/api/mp/v1/catalog/bundles").size()).isGreaterThanOrEqualTo(3);
        assertThat(get("/api/mp/v1/catalog/services?q=shuifei").get("items").get(0).get("name").asString()).isEqualTo("水费缴纳");
    }

    @Test
    void demo_staff_and_a_demo_terminal_get_generated_secrets_kept_under_data_and_printed(CapturedOutput output) throws IOException {
        Properties demo = new Properties();
        try (var in = Files.newBufferedReader(DATA.resolve("demo-admin-accounts.properties"))) {
            demo.load(in);
        }
        assertThat(demo.stringPropertyNames())
                .containsExactlyInAnyOrder("editor", "publisher", "operator", "finance1", "finance2", "billing", "parking",
                        "parking-op", "health", "clinic", "admin");
        assertThat(demo.getProperty("admin")).hasSize(12);
        assertThat(output.getOut()).contains("demo staff accounts").contains("demo terminal");
        assertThat(Files.exists(DATA.resolve("identity-keys.json"))).isTrue();
    }

    @Test
    void development_card_keys_are_created_once_under_data() throws IOException {
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(DATA.resolve("card-keys.properties"))) {
            keys.load(in);
        }
        assertThat(keys.stringPropertyNames()).contains("privacy-keyset", "privacy-index-key", "code-keys");
    }

    @Test
    void the_application_reports_itself_healthy() throws Exception {
        assertThat(get("/actuator/health").get("status").asString()).isEqualTo("UP");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JsonMapper.builder().build().readTree(body);
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("citycard-defaults");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
