package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.card.CardSamples;
import org.citycard.card.SmsInbox;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Platform tests that speak to the APIs over real HTTP, as a mini-program or a terminal would. */
abstract class ApiTest extends PlatformTest {

    protected static final AtomicInteger CODES = new AtomicInteger();
    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    SmsInbox inbox;

    /** A citizen signed in through WeChat who passed real-name through the API; returns the access token. */
    protected String realNameCitizen() throws Exception {
        return realNameCitizen("wechat", "code");
    }

    protected String realNameCitizen(String platform, String field) throws Exception {
        return realNameCitizen(platform, field, "rn" + System.nanoTime() + "x" + CODES.incrementAndGet());
    }

    /** A real-name citizen signed in as this sandbox user (the part of the platform's login code before the dot). */
    protected String realNameCitizen(String platform, String field, String user) throws Exception {
        String token = body(post("/api/mp/v1/auth/" + platform, "{\"" + field + "\":\"" + user + "."
                + CODES.incrementAndGet() + "\"}", null)).get("accessToken").asString();
        String phone = CardSamples.phone();
        assertThat(post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"" + phone + "\"}", token).statusCode())
                .isEqualTo(200);
        String badId = post("/api/mp/v1/me/real-name", "{\"name\":\"王小明\",\"idNumber\":\"420202198001010011\","
                + "\"phone\":\"" + phone + "\",\"smsCode\":\"000000\"}", token).body();
        assertThat(badId).contains("identity.id-number-checksum");
        var verified = post("/api/mp/v1/me/real-name", "{\"name\":\"王小明\",\"idNumber\":\"" + CardSamples.idNumber()
                + "\",\"phone\":\"" + phone + "\",\"smsCode\":\"" + CardSamples.lastCode(inbox, phone) + "\"}", token);
        assertThat(verified.statusCode()).isEqualTo(200);
        JsonNode me = body(verified);
        assertThat(me.get("level").asString()).isEqualTo("REAL_NAME");
        assertThat(me.get("phone").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(me.get("name").asString()).isEqualTo("王**");
        return token;
    }

    protected String terminalToken() throws Exception {
        return clientToken("terminal-test:terminal-test-secret", "terminal.verify");
    }

    /** A hospital's terminal token (scope health.verify). */
    protected String hospitalToken() throws Exception {
        return clientToken("hospital-test:hospital-test-secret", "health.verify");
    }

    private String clientToken(String credentials, String scope) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response).get("access_token").asString();
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> delete(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> put(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
