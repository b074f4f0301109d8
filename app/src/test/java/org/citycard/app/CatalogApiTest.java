package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.citycard.catalog.Actor;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.CatalogRole;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mini-program catalog API over real HTTP, as a mini-program would call it. */
class CatalogApiTest extends PlatformTest {

    private static final String WATER = "420200SW-GG-0001";
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    CatalogAdministration administration;

    @Test
    void categories_list_with_counts_in_chinese_by_default_and_english_on_request() throws Exception {
        JsonNode zh = body(get("/api/mp/v1/catalog/categories", null));
        assertThat(zh.size()).isGreaterThanOrEqualTo(10);
        assertThat(zh.get(0).get("name").asString()).matches(".*\\p{IsHan}.*");
        assertThat(zh.get(0).get("serviceCount").asInt()).isPositive();
        var en = get("/api/mp/v1/catalog/categories", "en-US,en;q=0.9");
        assertThat(en.headers().firstValue("Content-Language")).contains("en");
        assertThat(body(en).get(0).get("name").asString()).matches("[A-Za-z ,&'-]+");
    }

    @Test
    void an_answer_comes_whole_with_its_length_and_a_refusal_too() throws Exception {
        var page = get("/api/mp/v1/catalog/services?q=shuifei", null);
        assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(page.headers().firstValueAsLong("Content-Length"))
                .hasValue(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        var refused = get("/api/mp/v1/catalog/services/NO-SUCH-SERVICE", null);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValueAsLong("Content-Length"))
                .hasValue(refused.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        // what a load balancer asks every few seconds, and the API's description
        for (String path : new String[] {"/actuator/health/liveness", "/v3/api-docs"}) {
            var whole = get(path, null);
            assertThat(whole.statusCode()).as(path).isEqualTo(200);
            assertThat(whole.headers().firstValue("Transfer-Encoding")).as(path).isEmpty();
            assertThat(whole.headers().firstValueAsLong("Content-Length")).as(path)
                    .hasValue(whole.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void pinyin_search_finds_the_water_bill_first() throws Exception {
        for (String q : new String[] {"shuifei", "sf", "水费", "water"}) {
            JsonNode page = body(get("/api/mp/v1/catalog/services?q=" + java.net.URLEncoder.encode(q, "UTF-8"), null));
            assertThat(page.get("items").get(0).get("code").asString()).as(q).isEqualTo(WATER);
        }
    }

    @Test
    void the_channel_filter_returns_only_services_offered_on_that_channel() throws Exception {
        for (String channel : new String[] {"WEB", "WECHAT", "ALIPAY"}) {
            JsonNode page = body(get("/api/mp/v1/catalog/services?size=100&channel=" + channel, null));
            assertThat(page.get("total").asInt()).isPositive();
            for (JsonNode item : page.get("items")) {
                assertThat(item.get("channels").toString()).as(item.get("code").asString()).contains(channel);
            }
        }
        int all = body(get("/api/mp/v1/catalog/services?size=1", null)).get("total").asInt();
        int wechat = body(get("/api/mp/v1/catalog/services?size=1&channel=WECHAT", null)).get("total").asInt();
        assertThat(wechat).isLessThan(all);
    }

    @Test
    void a_service_has_its_full_guide() throws Exception {
        JsonNode water = body(get("/api/mp/v1/catalog/services/" + WATER, "en"));
        assertThat(water.get("name").asString()).isEqualTo("Water bill payment");
        assertThat(water.get("guide").get("conditions").size()).isPositive();
        assertThat(water.get("guide").get("handlingMode").asString()).isNotEmpty();
        assertThat(water.get("guide").get("complaintPhone").asString()).isEqualTo("12345");
        assertThat(water.get("handler").get("type").asString()).isEqualTo("BILL_PAYMENT");
    }

    @Test
    void reads_carry_an_etag_and_an_unchanged_catalog_answers_304() throws Exception {
        var first = get("/api/mp/v1/catalog/services/" + WATER, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        var again = http.send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/catalog/services/" + WATER)))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void unknown_codes_and_bad_parameters_are_problems_not_errors() throws Exception {
        var unknown = get("/api/mp/v1/catalog/services/420200XX-GG-9999", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(body(unknown).get("code").asString()).isEqualTo("catalog.service-not-found");

        assertThat(get("/api/mp/v1/catalog/services/garbage", null).statusCode()).isEqualTo(404);
        for (String bad : new String[] {"?channel=SMS", "?kind=x", "?page=-1", "?size=0", "?size=abc", "?category=%3Cscript%3E",
                "?q=" + "x".repeat(101)}) {
            var response = get("/api/mp/v1/catalog/services" + bad, null);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(body(response).get("code").asString()).as(bad).isEqualTo("request.invalid-parameter");
        }
    }

    @Test
    void bundles_list_their_services_in_order() throws Exception {
        JsonNode bundles = body(get("/api/mp/v1/catalog/bundles", null));
        assertThat(bundles.size()).isGreaterThanOrEqualTo(3);
        assertThat(bundles.get(0).get("services").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void the_api_describes_itself_in_openapi() throws Exception {
        JsonNode doc = body(get("/v3/api-docs", null));
        assertThat(doc.get("paths").has("/api/mp/v1/catalog/services")).isTrue();
    }

    @Test
    void a_publish_is_visible_through_the_api_at_once() throws Exception {
        ServiceCode code = pickOther();
        ServiceDefinition current = administration.load(code).orElseThrow().working();
        String before = body(get("/api/mp/v1/catalog/services/" + code.value(), null)).get("summary").asString();
        ServiceDefinition changed = withSummary(current, "API 测试:新的说明 " + System.nanoTime());
        Actor editor = new Actor("api-editor", Set.of(CatalogRole.CATALOG_EDITOR));
        Actor publisher = new Actor("api-publisher", Set.of(CatalogRole.CATALOG_PUBLISHER));
        assertThat(administration.saveDraft(changed, editor).isDone()).isTrue();
        assertThat(body(get("/api/mp/v1/catalog/services/" + code.value(), null)).get("summary").asString()).isEqualTo(before);
        administration.submit(code, editor);
        assertThat(administration.approveAndPublish(code, publisher).isDone()).isTrue();
        assertThat(body(get("/api/mp/v1/catalog/services/" + code.value(), null)).get("summary").asString())
                .isEqualTo(changed.summary().zh());
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.card.Identities identities;

    @Test
    void health_is_public_and_metrics_need_the_monitoring_credential_only() throws Exception {
        assertThat(body(get("/actuator/health", null)).get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(scrape("admin:admin-test-pw").statusCode()).isEqualTo(401);
        var metrics = scrape("scraper:scraper-test-pw");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        // a stranger's wrong passwords for the admin do not lock the admin out of the console's sign-in
        for (int i = 0; i < 6; i++) {
            assertThat(scrape("admin:wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(identities.signIn("admin", "admin-test-pw", "192.0.2.44")).isInstanceOf(
                org.citycard.card.IdentityResult.Done.class);
    }

    private HttpResponse<String> scrape(String credentials) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private ServiceCode pickOther() throws Exception {
        JsonNode page = body(get("/api/mp/v1/catalog/services?q=" + java.net.URLEncoder.encode("公积金", "UTF-8"), null));
        return ServiceCode.of(page.get("items").get(0).get("code").asString());
    }

    static ServiceDefinition withSummary(ServiceDefinition d, String zh) {
        return new ServiceDefinition(d.code(), d.name(), LocalizedText.of(zh, d.summary().en()), d.kind(), d.audiences(),
                d.competentDepartment(), d.implementingBody(), d.legalBasis(), d.categoryCode(), d.keywords(), d.handler(),
                d.channels(), d.regions(), d.featured(), d.sortOrder(), d.guide());
    }

    private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
