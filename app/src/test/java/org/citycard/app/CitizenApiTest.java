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
import org.citycard.card.LoginLinks;
import org.citycard.card.SmsInbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mini-program and terminal APIs over real HTTP: sign-in through the WeChat and Alipay sandboxes with the real
 * WxJava and Alipay SDKs (real signatures both ways), the card from real-name to a terminal's verdict, and the
 * rules that keep one citizen out of another's data.
 */
class CitizenApiTest extends ApiTest {

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    LoginLinks links;
    @Autowired
    org.springframework.security.oauth2.jwt.JwtEncoder encoder;

    private long claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return json.readTree(payload).get(name).asLong();
    }

    @Test
    void wechat_sign_in_goes_through_wxjava_and_each_code_works_once() throws Exception {
        String user = "alice" + System.nanoTime();
        String code = user + ".1";
        var first = post("/api/mp/v1/auth/wechat", "{\"code\":\"" + code + "\"}", null);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode session = body(first);
        assertThat(session.get("level").asString()).isEqualTo("NONE");
        assertThat(session.get("expiresIn").asLong()).isEqualTo(900);

        var again = post("/api/mp/v1/auth/wechat", "{\"code\":\"" + code + "\"}", null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(body(again).get("code").asString()).isEqualTo("auth.code-invalid");
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

        JsonNode later = body(post("/api/mp/v1/auth/wechat", "{\"code\":\"" + user + ".2\"}", null));
        assertThat(later.get("citizenId").asString()).isEqualTo(session.get("citizenId").asString());
        assertThat(post("/api/mp/v1/auth/wechat", "{}", null).statusCode()).isEqualTo(400);
        // a code is never pasted into our request to the platform: '&' would add parameters of the caller's (here an
        // app secret, which the sandbox, like WeChat, would judge the request by), a space or '#' would cut it short
        for (String odd : java.util.List.of(user + ".3&secret=bad", user + ".3&appid=evil", "a b.1", user + ".3#x")) {
            var refused = post("/api/mp/v1/auth/wechat", "{\"code\":\"" + odd + "\"}", null);
            assertThat(refused.statusCode()).as(odd).isEqualTo(401);
            assertThat(body(refused).get("code").asString()).isEqualTo("auth.code-invalid");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        }
    }

    @Test
    void alipay_sign_in_goes_through_the_alipay_sdk_with_verified_signatures() throws Exception {
        String user = "bob" + System.nanoTime();
        var response = post("/api/mp/v1/auth/alipay", "{\"authCode\":\"" + user + ".1\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        String token = body(response).get("accessToken").asString();
        assertThat(body(get("/api/mp/v1/me", token)).get("level").asString()).isEqualTo("NONE");
        assertThat(post("/api/mp/v1/auth/alipay", "{\"authCode\":\"not-a-code\"}", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_citizen_passes_real_name_gets_a_card_and_a_terminal_accepts_the_ride_code_once() throws Exception {
        String token = realNameCitizen();
        JsonNode card = body(post("/api/mp/v1/card", "", token));
        assertThat(card.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(card.get("number").asString()).matches("4202 \\*\\*\\*\\* \\*\\*\\*\\* \\d{4}");

        String ride = body(get("/api/mp/v1/card/codes/ride", token)).get("code").asString();
        String terminal = terminalToken();
        var accepted = post("/api/terminal/v1/codes/verify", "{\"code\":\"" + ride + "\",\"place\":\"23路 黄石港\"}", terminal);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(body(accepted).get("purpose").asString()).isEqualTo("RIDE");
        var replayed = post("/api/terminal/v1/codes/verify", "{\"code\":\"" + ride + "\",\"place\":\"23路 黄石港\"}", terminal);
        assertThat(replayed.statusCode()).isEqualTo(422);
        assertThat(body(replayed).get("code").asString()).isEqualTo("code.replayed");
        // the use is written off the request path: in the citizen's list within moments
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                body(get("/api/mp/v1/card/code-uses", token)).size() == 1);
        assertThat(body(get("/api/mp/v1/card/code-uses", token)).get(0).get("place").asString()).isEqualTo("23路 黄石港");
        assertThat(body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong()).isZero();

        String cardId = card.get("id").asString();
        var linked = put("/api/mp/v1/card/" + cardId + "/sector-cards",
                "{\"socialSecurityNo\":\"420200123456\",\"busCardNo\":\"HS0012345\"}", token);
        assertThat(body(linked).get("busCardNo").asString()).isEqualTo("HS0012345");
        assertThat(body(linked).get("socialSecurityNo").asString()).isEqualTo("4202****3456");
        assertThat(linked.body()).doesNotContain("420200123456");
        var bad = put("/api/mp/v1/card/" + cardId + "/sector-cards", "{\"busCardNo\":\"12\"}", token);
        assertThat(body(bad).get("code").asString()).isEqualTo("card.bad-linked-number");
    }

    @Test
    void a_top_up_order_is_created_once_per_idempotency_key_and_stays_the_citizens_own() throws Exception {
        String token = realNameCitizen();
        post("/api/mp/v1/card", "", token);
        var first = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/orders"))).header("Idempotency-Key", "tap-1")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountFen\":5000}")));
        assertThat(first.statusCode()).isEqualTo(201);
        String no = body(first).get("orderNo").asString();
        var again = send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/orders"))).header("Idempotency-Key", "tap-1")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountFen\":5000}")));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("orderNo").asString()).isEqualTo(no);
        assertThat(body(get("/api/mp/v1/orders", token)).size()).isEqualTo(1);
        var tooLittle = post("/api/mp/v1/orders", "{\"amountFen\":5}", token);
        assertThat(tooLittle.statusCode()).isEqualTo(400);
        assertThat(body(tooLittle).get("detail").asString()).contains("1.00", "2000.00");
        // the same rules, for the mini-program to offer
        JsonNode rules = body(get("/api/mp/v1/orders/top-up-rules", token));
        assertThat(rules.get("minFen").asLong()).isEqualTo(100);
        assertThat(rules.get("maxFen").asLong()).isEqualTo(200_000);
        assertThat(rules.get("presetsFen").size()).isEqualTo(4);

        String other = realNameCitizen();
        assertThat(get("/api/mp/v1/orders/" + no, other).statusCode()).isEqualTo(404);
        // the wallet cannot top itself up
        var wallet = post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"wallet\"}", token);
        assertThat(body(wallet).get("code").asString()).isEqualTo("payment.channel-not-for-order");
        assertThat(body(wallet).get("detail").asString()).contains("never tops itself up");
        assertThat(body(get("/api/mp/v1/orders/" + no, token)).get("state").asString()).isEqualTo("PAYING");
        // a UnionPay code cannot be withdrawn before it runs out: another channel is refused as such, nothing twice
        assertThat(post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"unionpay\"}", token).statusCode())
                .isEqualTo(200);
        var elsewhere = post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"wechat_pay\"}", token);
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(elsewhere.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(body(elsewhere).get("code").asString()).isEqualTo("payment.paying-elsewhere");
        assertThat(body(elsewhere).get("detail").asString()).contains("UNIONPAY");
        assertThat(body(get("/api/mp/v1/orders/" + no, token)).get("channel").asString()).isEqualTo("UNIONPAY");
    }

    @Test
    void a_mini_program_top_up_through_wechat_pay_reaches_the_wallet_once_the_citizen_confirms() throws Exception {
        String token = realNameCitizen();
        post("/api/mp/v1/card", "", token);
        String no = body(post("/api/mp/v1/orders", "{\"amountFen\":8800}", token)).get("orderNo").asString();
        JsonNode sheet = body(post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        // exactly what wx.requestPayment takes
        assertThat(sheet.get("package").asString()).startsWith("prepay_id=wx");
        assertThat(sheet.get("signType").asString()).isEqualTo("RSA");
        assertThat(sheet.get("paySign").asString()).isNotBlank();
        // the sandbox cashier plays the citizen's phone; WeChat Pay then notifies our endpoint, signed
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == 8_800);
        JsonNode receipt = body(get("/api/mp/v1/orders/" + no, token));
        assertThat(receipt.get("state").asString()).isEqualTo("PAID");
        assertThat(receipt.get("channelTradeNo").asString()).startsWith("42000");
        assertThat(receipt.get("refunds").size()).isZero();
        assertThat(receipt.get("returned").size()).isZero();
        // every call out to a channel is timed and counted by channel, operation and outcome
        var metrics = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus"))).header("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("scraper:scraper-test-pw".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern(
                "citycard_payment_channel_calls_seconds_count\\{channel=\"WECHAT_PAY\",operation=\"prepay\",outcome=\"ready\"\\} [1-9]");
        // a notification without a valid signature is refused and changes nothing
        var forged = http.send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/wechat-pay")))
                .header("Content-Type", "application/json").header("Wechatpay-Timestamp", "1")
                .header("Wechatpay-Nonce", "n").header("Wechatpay-Serial", "x").header("Wechatpay-Signature", "c2ln")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("FAIL");
        assertThat(post("/api/payment/v1/notify/paypal", "{}", null).statusCode()).isEqualTo(404);
        assertThat(post("/api/payment/v1/notify/wechat-pay", "x".repeat(70_000), null).statusCode()).isEqualTo(413);
    }

    @Test
    void an_alipay_mini_program_gets_the_trade_number_my_trade_pay_needs_and_the_answer_reaches_the_wallet()
            throws Exception {
        String token = realNameCitizen("alipay", "authCode");
        post("/api/mp/v1/card", "", token);
        String no = body(post("/api/mp/v1/orders", "{\"amountFen\":3300}", token)).get("orderNo").asString();
        JsonNode paid = body(post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"alipay\"}", token));
        assertThat(paid.get("clientParameters").get("tradeNO").asString()).matches("\\d{28}");
        JsonNode pending = body(get(sandbox.url() + "/payments", null));
        String cashierToken = null;
        for (JsonNode payment : pending) {
            if (payment.get("orderNo").asString().equals(no)) {
                cashierToken = payment.get("token").asString();
            }
        }
        assertThat(post(sandbox.url() + "/payments/" + cashierToken + "/approve", "", null).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == 3_300);
        // a form that Alipay did not sign is answered "fail" and changes nothing
        var forged = http.send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/alipay")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("out_trade_no=" + no + "&trade_status=TRADE_SUCCESS"
                        + "&total_amount=33.00&sign_type=RSA2&sign=Zm9yZ2Vk")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.body()).isEqualTo("fail");
    }

    @Test
    void a_flood_of_forged_notifications_keeps_at_most_twenty_a_minute_and_genuine_ones_still_go_through()
            throws Exception {
        int before = jdbc.sql("select count(*) from payment_notification where verdict = 'REJECTED'")
                .query(Integer.class).single();
        for (int i = 0; i < 60; i++) {
            var forged = http.send(HttpRequest.newBuilder(URI.create(url("/api/payment/v1/notify/alipay")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("out_trade_no=CC" + "0".repeat(24) + "&trade_status="
                            + "TRADE_SUCCESS&total_amount=1.00&sign_type=RSA2&sign=Zm9yZ2Vk" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // answered as Alipay expects, every time: nobody learns where the limit is
            assertThat(forged.body()).isEqualTo("fail");
        }
        int kept = jdbc.sql("select count(*) from payment_notification where verdict = 'REJECTED'")
                .query(Integer.class).single() - before;
        // twenty a minute; the flood may straddle two minutes
        assertThat(kept).isLessThanOrEqualTo(40);

        // the sandbox's genuine notification comes from the same address, and is believed and applied
        String token = realNameCitizen("alipay", "authCode");
        post("/api/mp/v1/card", "", token);
        String no = body(post("/api/mp/v1/orders", "{\"amountFen\":1200}", token)).get("orderNo").asString();
        post("/api/mp/v1/orders/" + no + "/pay", "{\"channel\":\"alipay\"}", token);
        for (JsonNode payment : body(get(sandbox.url() + "/payments", null))) {
            if (payment.get("orderNo").asString().equals(no)) {
                post(sandbox.url() + "/payments/" + payment.get("token").asString() + "/approve", "", null);
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == 1_200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void after_a_loss_report_the_terminal_rejects_the_code_shown_before() throws Exception {
        String token = realNameCitizen();
        String cardId = body(post("/api/mp/v1/card", "", token)).get("id").asString();
        String health = body(get("/api/mp/v1/card/codes/health", token)).get("code").asString();
        var frozen = post("/api/mp/v1/card/" + cardId + "/report-loss", "{\"reason\":\"手机丢了\"}", token);
        assertThat(body(frozen).get("status").asString()).isEqualTo("FROZEN");
        var rejected = post("/api/terminal/v1/codes/verify", "{\"code\":\"" + health + "\",\"place\":\"市中心医院\"}",
                terminalToken());
        assertThat(body(rejected).get("code").asString()).isEqualTo("code.card-frozen");
        assertThat(body(get("/api/mp/v1/card/codes/ride", token)).get("code").asString()).isEqualTo("card.not-active");
        // nor does the wallet spend in the app: the money is held with the card (an empty wallet would otherwise
        // answer "insufficient funds")
        var citizen = org.citycard.card.CitizenId.parse(body(get("/api/mp/v1/me", token)).get("id").asString()).orElseThrow();
        var parking = (org.citycard.payment.PaymentOrders.Creation.Created) paymentOrders.create(citizen,
                new org.citycard.payment.Purpose("PARKING", "frozen-" + cardId), 100, "停车费", null);
        var walletPay = post("/api/mp/v1/orders/" + parking.order().no().value() + "/pay", "{\"channel\":\"wallet\"}", token);
        assertThat(walletPay.statusCode()).isEqualTo(422);
        assertThat(body(walletPay).get("code").asString()).isEqualTo("payment.card-frozen");
        assertThat(body(walletPay).get("detail").asString()).contains("frozen");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.payment.PaymentOrders paymentOrders;

    @Test
    void one_citizen_never_reaches_another_ones_card_and_tokens_stay_in_their_lane() throws Exception {
        String owner = realNameCitizen();
        String cardId = body(post("/api/mp/v1/card", "", owner)).get("id").asString();
        String other = realNameCitizen();
        var foreign = post("/api/mp/v1/card/" + cardId + "/report-loss", "{\"reason\":\"x\"}", other);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/card", owner)).get("status").asString()).isEqualTo("ACTIVE");

        assertThat(get("/api/mp/v1/me", null).statusCode()).isEqualTo(401);
        // a token signed with our keys but not meant for the API (an ID token, say) is refused
        String ownerId = body(get("/api/mp/v1/me", owner)).get("id").asString();
        var idTokenLike = encoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                org.springframework.security.oauth2.jwt.JwsHeader.with(
                        org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build(),
                org.springframework.security.oauth2.jwt.JwtClaimsSet.builder().issuer("http://localhost:" + port)
                        .subject(ownerId).audience(java.util.List.of("citycard-portal"))
                        .issuedAt(java.time.Instant.now()).expiresAt(java.time.Instant.now().plusSeconds(300))
                        .claim("roles", java.util.List.of("CITIZEN")).build())).getTokenValue();
        assertThat(get("/api/mp/v1/me", idTokenLike).statusCode()).isEqualTo(401);
        assertThat(get("/api/mp/v1/me", "not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(get("/api/mp/v1/me", terminalToken()).statusCode()).isEqualTo(403);
        assertThat(post("/api/terminal/v1/codes/verify", "{\"code\":\"x\",\"place\":\"y\"}", owner).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refresh_tokens_rotate_and_a_reused_one_ends_the_session() throws Exception {
        JsonNode session = body(post("/api/mp/v1/auth/wechat", "{\"code\":\"carol" + System.nanoTime() + ".1\"}", null));
        String first = session.get("refreshToken").asString();
        Thread.sleep(1100);
        JsonNode renewed = body(post("/api/mp/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null));
        assertThat(renewed.get("refreshToken").asString()).isNotEqualTo(first);
        // refreshing does not count as signing in again (unfreezing needs a recent sign-in)
        assertThat(claim(renewed.get("accessToken").asString(), "auth_time"))
                .isEqualTo(claim(session.get("accessToken").asString(), "auth_time"));
        var reused = post("/api/mp/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
        assertThat(body(reused).get("code").asString()).isEqualTo("auth.refresh-reused");
        var afterTheft = post("/api/mp/v1/auth/refresh", "{\"refreshToken\":\"" + renewed.get("refreshToken").asString()
                + "\"}", null);
        assertThat(body(afterTheft).get("code").asString()).isEqualTo("auth.refresh-revoked");
    }

    @Test
    void a_wechat_login_links_to_the_citizen_who_showed_the_link_code() throws Exception {
        // the citizen so far signs in with Alipay; a second WeChat login of theirs would be refused (ALREADY_LINKED)
        String web = realNameCitizen("alipay", "authCode");
        String webId = body(get("/api/mp/v1/me", web)).get("id").asString();
        String linkCode = links.createLinkCode(org.citycard.card.CitizenId.parse(webId).orElseThrow());
        String user = "dave" + System.nanoTime();
        var linked = post("/api/mp/v1/auth/link", "{\"platform\":\"wechat\",\"code\":\"" + user + ".1\",\"linkCode\":\""
                + linkCode + "\"}", null);
        assertThat(linked.statusCode()).isEqualTo(200);
        JsonNode session = body(post("/api/mp/v1/auth/wechat", "{\"code\":\"" + user + ".2\"}", null));
        assertThat(session.get("citizenId").asString()).isEqualTo(webId);
        assertThat(session.get("level").asString()).isEqualTo("REAL_NAME");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void a_whole_journey_leaves_no_phone_id_number_or_name_in_the_logs(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String token = body(post("/api/mp/v1/auth/wechat", "{\"code\":\"pii" + System.nanoTime() + ".1\"}", null))
                .get("accessToken").asString();
        String phone = CardSamples.phone();
        String idNumber = CardSamples.idNumber();
        // a refusal says what is wrong in words, not as the name of a constant
        var badPhone = post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"123\"}", token);
        assertThat(body(badPhone).get("code").asString()).isEqualTo("identity.bad-phone");
        assertThat(body(badPhone).get("detail").asString()).contains("mobile number").doesNotContain("BAD_PHONE");
        post("/api/mp/v1/me/real-name/sms-code", "{\"phone\":\"" + phone + "\"}", token);
        var wrongCode = post("/api/mp/v1/me/real-name", "{\"name\":\"欧阳娜娜\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"smsCode\":\"999999\"}", token);
        assertThat(body(wrongCode).get("detail").asString()).isEqualTo("The SMS code is wrong.");
        var verified = post("/api/mp/v1/me/real-name", "{\"name\":\"欧阳娜娜\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"smsCode\":\"" + CardSamples.lastCode(inbox, phone) + "\"}", token);
        assertThat(verified.statusCode()).isEqualTo(200);
        String cardId = body(post("/api/mp/v1/card", "", token)).get("id").asString();
        String ride = body(get("/api/mp/v1/card/codes/ride", token)).get("code").asString();
        post("/api/terminal/v1/codes/verify", "{\"code\":\"" + ride + "\",\"place\":\"5路\"}", terminalToken());
        post("/api/mp/v1/card/" + cardId + "/report-loss", "{\"reason\":\"丢失\"}", token);
        post("/api/terminal/v1/codes/verify", "{\"code\":\"" + ride + "\",\"place\":\"5路\"}", terminalToken());

        assertThat(output.getAll()).doesNotContain(phone).doesNotContain(phone.substring(3))
                .doesNotContain(idNumber).doesNotContain(idNumber.substring(6, 14)).doesNotContain("欧阳娜娜");
    }
}
