package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.citycard.card.CardSamples;
import org.citycard.card.SmsInbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under abuse and careless clients, over real HTTP: bodies too large (declared or chunked), input that
 * cannot be decoded, numbers that are not whole, text with control characters, unknown codes, tokens without an
 * expiry, and what it gives away: always a clean 4xx in the answer's expected format, nothing kept, no stack
 * trace in the log.
 */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class HardeningApiTest extends PlatformTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    SmsInbox inbox;
    @Autowired
    JwtEncoder encoder;

    @Test
    void bodies_over_the_limit_are_refused_before_they_are_read_with_or_without_a_length(CapturedOutput output)
            throws Exception {
        String token = citizen();
        byte[] big = ("{\"amountFen\":100,\"pad\":\"" + "a".repeat(5_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var declared = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/orders")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(body(declared).get("code").asString()).isEqualTo("request.too-large");
        // without a length, a little over the limit (so that the client has sent it all when the answer comes)
        byte[] over = ("{\"amountFen\":100,\"pad\":\"" + "a".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var chunked = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/orders")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(body(get("/api/mp/v1/orders", token))).isEmpty();

        // notifications: the channel's own failure answer, nothing kept
        byte[] form = ("a=" + "b".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        var alipay = send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/alipay")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))));
        assertThat(alipay.statusCode()).isEqualTo(413);
        assertThat(alipay.body()).isEqualTo("fail");
        var wechat = send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/wechat-pay")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(wechat.statusCode()).isEqualTo(413);
        assertThat(wechat.body()).contains("FAIL");
        // the wallet has no notification address, so no channel's format: the platform's own refusal
        var wallet = send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/wallet")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(wallet.statusCode()).isEqualTo(413);
        assertThat(body(wallet).get("code").asString()).isEqualTo("request.too-large");
        assertThat(wallet.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(output.getAll()).doesNotContain("OutOfMemoryError").doesNotContain("\tat org.citycard");
    }

    @Test
    void input_that_cannot_be_decoded_is_a_clean_400_in_each_format_never_a_stack_trace(CapturedOutput output)
            throws Exception {
        for (String path : List.of("/api/mp/v1/catalog/services?q=%ff", "/api/mp/v1/catalog/suggestions?q=%ff",
                "/api/mp/v1/catalog/services/%25")) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
            assertThat(body(response).get("code").asString()).as(path).startsWith("request.");
        }
        assertThat(raw("GET /api/mp/v1/catalog/services?q=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("application/problem+json");
        var form = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/auth/wechat")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=%zz")));
        assertThat(form.statusCode()).isBetween(400, 415);
        assertThat(form.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        for (String channel : List.of("alipay", "unionpay")) {
            var notify = send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/" + channel)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("%%%&&&===")));
            assertThat(notify.body()).as(channel).isEqualTo("fail");
        }
        // a portal page the firewall refuses: a page for people, not Spring's whitelabel nor JSON
        var page = send(HttpRequest.newBuilder(URI.create(url("/service/%25abc"))).header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("返回首页").doesNotContain("Whitelabel");
        assertThat(output.getAll()).doesNotContain("InvalidParameterException").doesNotContain("\tat org.citycard")
                .doesNotContain("ERROR");
    }

    @Test
    void requests_the_container_refuses_get_the_platforms_answer_not_tomcats_page(CapturedOutput output) throws Exception {
        String api = raw("GET /api/mp/v1/orders/CC%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(api).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("Apache Tomcat");
        String header = raw("GET /api/mp/v1/catalog/services HTTP/1.1\r\nHost: localhost\r\nX-Foo: a\u0001b\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(header).startsWith("HTTP/1.1 400").contains("application/problem+json");
        String huge = raw("GET /api/mp/v1/catalog/services?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(huge).startsWith("HTTP/1.1 400").contains("application/problem+json");
        String page = raw("GET /search%ff HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(page).startsWith("HTTP/1.1 400").contains("返回首页").contains("Content-Security-Policy")
                .doesNotContain("Apache Tomcat");
        // a portal message that is not JSON, or nested past reason, never reaches Vaadin
        for (String garbage : List.of("not json", "[".repeat(10_000))) {
            var message = send(HttpRequest.newBuilder(URI.create(url("/?v-r=uidl&v-uiId=0")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(garbage)));
            assertThat(message.statusCode()).isEqualTo(400);
        }
        // Vaadin's first request decodes the page's query once more: a broken escape there is refused at the door
        var init = send(HttpRequest.newBuilder(URI.create(url("/?v-r=init&location=search&query=q%3D%25"))));
        assertThat(init.statusCode()).isEqualTo(400);
        // an address that is no page is the router's "not found" for anyone, not a sign-in
        var nowhere = send(HttpRequest.newBuilder(URI.create(url("/no-such-page"))).header("Accept", "text/html"));
        assertThat(nowhere.statusCode()).isNotEqualTo(302).isLessThan(500);
        // a made-up Host never makes it into a redirect
        String host = raw("GET /me HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(host).startsWith("HTTP/1.1 400").doesNotContain("evil.example");
        // a client that does not authenticate at the token endpoint is told so, not sent to a sign-in page
        var token = send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(token.body()).contains("invalid_client");
        // an unknown API or notification address is a 404 of ours, not the portal
        assertThat(get("/api/mp/v1/catalog/nonexistent/path", null).statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/catalog/nonexistent/path", null)).get("code").asString())
                .isEqualTo("request.not-found");
        var noChannel = post("/api/payment/v1/notify/foo", "{}", null);
        assertThat(noChannel.statusCode()).isEqualTo(404);
        assertThat(body(noChannel).get("code").asString()).isEqualTo("request.not-found");
        // a notification that cannot be read is the client's fault, answered in the channel's format
        var wechat = post("/api/payment/v1/notify/wechat-pay", "{", null);
        assertThat(wechat.statusCode()).isEqualTo(400);
        assertThat(wechat.body()).contains("FAIL");
        String oddHeader = raw("POST /api/payment/v1/notify/alipay HTTP/1.1\r\nHost: localhost\r\nAccept-Language: 中文\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=b");
        assertThat(oddHeader).endsWith("fail");
        assertThat(output.getAll()).doesNotContain("\tat org.apache").doesNotContain("\tat org.citycard");
    }

    @Test
    void chunked_bodies_past_the_limit_are_refused_everywhere_portal_included() throws Exception {
        assertThat(chunked("/?v-r=uidl&v-uiId=0", "application/json", 1_100_000, "")).startsWith("HTTP/1.1 413")
                .contains("request.too-large");
        assertThat(chunked("/oauth2/token", "application/x-www-form-urlencoded", 200_000, "")).startsWith("HTTP/1.1 413");
        assertThat(chunked("/api/payment/v1/notify/alipay", "application/x-www-form-urlencoded", 100_000, ""))
                .startsWith("HTTP/1.1 413");
        // a person's browser gets a page, not JSON
        assertThat(chunked("/signin", "application/json", 1_100_000, "Accept: text/html\r\n")).startsWith("HTTP/1.1 413")
                .contains("提交的内容太大");
    }

    @Test
    void refusals_name_the_field_they_are_about_and_text_fields_take_only_text() throws Exception {
        String token = cardHolder();
        String cardId = body(get("/api/mp/v1/card", token)).get("id").asString();
        var reason = post("/api/mp/v1/card/" + cardId + "/report-loss", "{\"reason\":\"\\ud800\"}", token);
        assertThat(body(reason).get("parameter").asString()).isEqualTo("reason");
        var linked = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/card/" + cardId + "/sector-cards")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"busCardNo\":\"ok\\u0007\"}")));
        assertThat(body(linked).get("parameter").asString()).isEqualTo("busCardNo");
        var name = post("/api/mp/v1/me/real-name", "{\"name\":\"x\",\"idNumber\":\"1\",\"phone\":\"1\",\"smsCode\":\"1\"}",
                citizen());
        assertThat(body(name).get("parameter").asString()).isEqualTo("name");
        assertThat(get("/api/mp/v1/catalog/services?q=%00", null).statusCode()).isEqualTo(400);
        assertThat(body(get("/api/mp/v1/catalog/suggestions?q=%E2%80%AE", null)).get("parameter").asString()).isEqualTo("q");
        assertThat(get("/api/mp/v1/wallet/entries?before=-1", token).statusCode()).isEqualTo(400);
        // a number where text belongs is not turned into text
        var number = post("/api/mp/v1/auth/wechat", "{\"code\":123}", null);
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(body(number).get("parameter").asString()).isEqualTo("code");
        // a bad link code is refused before the one-time platform code is spent
        String code = "linker" + System.nanoTime() + ".1";
        var link = post("/api/mp/v1/auth/link", "{\"platform\":\"wechat\",\"code\":\"" + code + "\",\"linkCode\":\"a\\u0007\"}", null);
        assertThat(body(link).get("parameter").asString()).isEqualTo("linkCode");
        assertThat(post("/api/mp/v1/auth/wechat", "{\"code\":\"" + code + "\"}", null).statusCode()).isEqualTo(200);
    }

    private String chunked(String path, String type, int size, String headers) throws Exception {
        byte[] body = "a".repeat(size).getBytes(StandardCharsets.US_ASCII);
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nTransfer-Encoding: chunked\r\n" + headers + "Connection: close\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                // the server answered and closed before the whole body was sent: read what it said
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void money_and_counts_are_whole_numbers_and_headers_must_be_plain(CapturedOutput output) throws Exception {
        String token = citizen();
        for (String amount : List.of("100.5", "\"100\"", "100000000000000000000000", "true")) {
            var response = post("/api/mp/v1/orders", "{\"amountFen\":" + amount + "}", token);
            assertThat(response.statusCode()).as(amount).isEqualTo(400);
            assertThat(body(response).get("parameter").asString()).as(amount).isEqualTo("amountFen");
        }
        // a key given twice: which amount was meant is not guessed
        var twice = post("/api/mp/v1/orders", "{\"amountFen\":-5,\"amountFen\":150}", token);
        assertThat(twice.statusCode()).isEqualTo(400);
        // a header of UTF-8 bytes, as a careless client sends it (Java's own client would not)
        String oddKey = raw("POST /api/mp/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: 键-1\r\nContent-Length: 16\r\n"
                + "Connection: close\r\n\r\n{\"amountFen\":100}");
        assertThat(oddKey).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("Idempotency-Key");
        assertThat(body(get("/api/mp/v1/orders", token))).isEmpty();
        // a token after a tab, which the firewall refuses: refused, and the token is not written to the log
        String tab = raw("GET /api/mp/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer\t" + token
                + "\r\nConnection: close\r\n\r\n");
        assertThat(tab).startsWith("HTTP/1.1 400").contains("request.rejected");
        assertThat(output.getAll()).contains("Refused by the firewall").doesNotContain(token.substring(token.lastIndexOf('.')));
    }

    @Test
    void free_text_with_control_characters_or_too_long_is_refused_naming_the_field() throws Exception {
        String token = cardHolder();
        String cardId = body(get("/api/mp/v1/card", token)).get("id").asString();
        var nul = post("/api/mp/v1/card/" + cardId + "/physical", "{\"address\":\"湖北省黄石市\\u0000下陆区\"}", token);
        assertThat(nul.statusCode()).isEqualTo(422);
        assertThat(body(nul).get("code").asString()).isEqualTo("card.text-unreadable");
        var longOne = post("/api/mp/v1/card/" + cardId + "/physical", "{\"address\":\"" + "长".repeat(300) + "\"}", token);
        assertThat(body(longOne).get("code").asString()).isEqualTo("card.address-too-long");
        var emoji = post("/api/mp/v1/card/" + cardId + "/physical", "{\"address\":\"湖北省黄石市下陆区 🏠 12号\"}", token);
        assertThat(emoji.statusCode()).isEqualTo(200);
        var reason = post("/api/mp/v1/card/" + cardId + "/report-loss", "{\"reason\":\"丢了\\u0007\"}", token);
        assertThat(body(reason).get("code").asString()).isEqualTo("card.text-unreadable");
        var code = post("/api/mp/v1/auth/wechat", "{\"code\":\"ab\\u0000c.1\"}", null);
        assertThat(code.statusCode()).isEqualTo(400);
        assertThat(body(code).get("parameter").asString()).isEqualTo("code");
    }

    @Test
    void favourites_take_only_services_the_catalog_publishes() throws Exception {
        String token = citizen();
        var unknown = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/favourites/ZZZZ-0000")))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/favourites", token)).get("favourites")).isEmpty();
        var known = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/favourites/420200SW-GG-0001")))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(known.statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_sms_code_says_only_that_whatever_the_id_number_and_counts_as_a_try() throws Exception {
        String takenId = CardSamples.idNumber();
        String owner = realName(citizen(), takenId);
        String token = citizen();
        String phone = CardSamples.phone();
        assertThat(post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"" + phone + "\"}", token).statusCode())
                .isEqualTo(200);
        String code = CardSamples.lastCode(inbox, phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        var taken = post("/api/mp/v1/me/real-name", "{\"name\":\"李四\",\"idNumber\":\"" + takenId + "\",\"phone\":\""
                + phone + "\",\"smsCode\":\"" + wrong + "\"}", token);
        var free = post("/api/mp/v1/me/real-name", "{\"name\":\"李四\",\"idNumber\":\"" + CardSamples.idNumber()
                + "\",\"phone\":\"" + phone + "\",\"smsCode\":\"" + wrong + "\"}", token);
        assertThat(body(taken).get("code").asString()).isEqualTo("identity.bad-code")
                .isEqualTo(body(free).get("code").asString());
        assertThat(owner).isNotBlank();
        // and the tries are counted: after five, even the right code is refused
        for (int i = 0; i < 3; i++) {
            post("/api/mp/v1/me/real-name", "{\"name\":\"李四\",\"idNumber\":\"" + takenId + "\",\"phone\":\""
                    + phone + "\",\"smsCode\":\"" + wrong + "\"}", token);
        }
        var right = post("/api/mp/v1/me/real-name", "{\"name\":\"李四\",\"idNumber\":\"" + takenId + "\",\"phone\":\""
                + phone + "\",\"smsCode\":\"" + code + "\"}", token);
        assertThat(body(right).get("code").asString()).isEqualTo("identity.too-many-attempts");
    }

    @Test
    void one_token_cannot_send_codes_to_many_phones() throws Exception {
        String token = citizen();
        int sent = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"" + CardSamples.phone() + "\"}", token);
            sent += last.statusCode() == 200 ? 1 : 0;
        }
        assertThat(sent).isEqualTo(5);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(body(last).get("code").asString()).isEqualTo("identity.sms-too-many");
        assertThat(last.headers().firstValue("Retry-After")).contains("3600");
    }

    @Test
    void access_tokens_without_an_expiry_or_issue_time_are_refused() throws Exception {
        String token = citizen();
        String subject = body(get("/api/mp/v1/me", token)).get("id").asString();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String noExpiry = encoder.encode(JwtEncoderParameters.from(header, JwtClaimsSet.builder()
                .issuer("http://localhost:" + port).subject(subject).audience(List.of("citycard-api"))
                .issuedAt(Instant.now()).claim("roles", List.of("CITIZEN")).build())).getTokenValue();
        String noIssuedAt = encoder.encode(JwtEncoderParameters.from(header, JwtClaimsSet.builder()
                .issuer("http://localhost:" + port).subject(subject).audience(List.of("citycard-api"))
                .expiresAt(Instant.now().plusSeconds(300)).claim("roles", List.of("CITIZEN")).build())).getTokenValue();
        String complete = encoder.encode(JwtEncoderParameters.from(header, JwtClaimsSet.builder()
                .issuer("http://localhost:" + port).subject(subject).audience(List.of("citycard-api"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim("roles", List.of("CITIZEN")).build())).getTokenValue();
        assertThat(get("/api/mp/v1/me", noExpiry).statusCode()).isEqualTo(401);
        // a 401 says how to authenticate (RFC 6750): no token, and a token that is not good
        assertThat(get("/api/mp/v1/me", noExpiry).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
        assertThat(get("/api/mp/v1/me", null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer realm=").doesNotContain("error"));
        assertThat(get("/api/mp/v1/me", noIssuedAt).statusCode()).isEqualTo(401);
        assertThat(get("/api/mp/v1/me", complete).statusCode()).isEqualTo(200);
    }

    @Test
    void discovery_names_the_port_the_platform_listens_on() throws Exception {
        JsonNode discovery = body(get("/.well-known/openid-configuration", null));
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:" + port);
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo("http://localhost:" + port + "/oauth2/token");
        // and the tokens it issues say so too
        String token = citizen();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(json.readTree(payload).get("iss").asString()).isEqualTo("http://localhost:" + port);
    }

    @Test
    void every_page_carries_the_security_headers_and_signed_in_pages_are_never_stored() throws Exception {
        for (String path : List.of("/", "/search?q=shuifei", "/signin", "/me")) {
            var page = send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html"));
            var headers = page.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'").contains("object-src 'none'").contains("base-uri 'self'")
                    .contains("frame-ancestors 'none'").contains("form-action 'self'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
            assertThat(headers.firstValue("Permissions-Policy")).as(path).hasValueSatisfying(p -> assertThat(p).contains("camera=()"));
            assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(headers.firstValue("Cache-Control")).as(path).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
            // plain HTTP from a client that is not a trusted proxy: no HSTS, whatever it claims
            assertThat(headers.firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
        var claimed = send(HttpRequest.newBuilder(URI.create(url("/"))).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.1"));
        assertThat(claimed.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    /** A citizen with a card, through the API; returns the access token. */
    private String cardHolder() throws Exception {
        String token = realName(citizen(), CardSamples.idNumber());
        assertThat(post("/api/mp/v1/card", "", token).statusCode()).isEqualTo(200);
        return token;
    }

    private String realName(String token, String idNumber) throws Exception {
        String phone = CardSamples.phone();
        assertThat(post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"" + phone + "\"}", token).statusCode())
                .isEqualTo(200);
        var verified = post("/api/mp/v1/me/real-name", "{\"name\":\"王小明\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"smsCode\":\"" + CardSamples.lastCode(inbox, phone) + "\"}", token);
        assertThat(verified.statusCode()).isEqualTo(200);
        return token;
    }

    private String citizen() throws Exception {
        return body(post("/api/mp/v1/auth/wechat", "{\"code\":\"hard" + System.nanoTime() + ".1\"}", null))
                .get("accessToken").asString();
    }

    /** A request written byte for byte (UTF-8), for what a well-behaved client library refuses to send. */
    private String raw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
