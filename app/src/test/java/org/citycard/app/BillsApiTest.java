package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bill payment through the mini-program API: bind a 户号, see what it owes, pay through the usual order flow (WeChat
 * Pay at the sandbox cashier, or the wallet), and read the receipt with the biller's write-off reference; another
 * citizen sees none of it, and bad input gets problem+json.
 */
class BillsApiTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.bills.BillOperations operations;

    /** A water account with this ending whose amounts are ordinary ones for the payment sandbox (not its magic). */
    private String water(String ending) {
        for (int i = 0; i < 100; i++) {
            String number = String.format("%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000))
                    + ending;
            if (ending.equals("0000") || sandbox.billers().ordinary("water", number)) {
                return number;
            }
        }
        throw new IllegalStateException("no ordinary account");
    }

    private JsonNode bind(String token, String biller, String number) throws Exception {
        var bound = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"" + biller + "\",\"accountNo\":\"" + number
                + "\",\"nickname\":\"父母家\"}", token);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        return body(bound);
    }

    @Test
    void a_citizen_binds_a_water_account_pays_its_arrears_with_wechat_pay_and_gets_a_receipt() throws Exception {
        String token = realNameCitizen();
        JsonNode billers = body(get("/api/mp/v1/bills/billers", token));
        assertThat(billers.size()).isEqualTo(6);
        assertThat(billers.get(0).get("name").asString()).isEqualTo("市自来水公司");

        JsonNode account = bind(token, "water", water("3001"));
        assertThat(account.get("nickname").asString()).isEqualTo("父母家");
        assertThat(account.get("accountNoMasked").asString()).isEqualTo("******3001");
        String id = account.get("id").asString();
        JsonNode statement = body(get("/api/mp/v1/bills/accounts/" + id, token));
        long arrears = statement.get("arrearsFen").asLong();
        assertThat(arrears).isPositive();
        assertThat(statement.get("bills").get(0).get("period").asString()).matches("\\d{4}-\\d{2}");

        var started = post("/api/mp/v1/bills/accounts/" + id + "/payments", "{}", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String orderNo = body(started).get("orderNo").asString();
        String paymentId = body(started).get("payment").get("id").asString();
        assertThat(body(started).get("amountFen").asLong()).isEqualTo(arrears);
        // shown as in flight; starting again meanwhile (a second tap, no key) answers the same payment, not a second one
        assertThat(body(get("/api/mp/v1/bills/accounts/" + id, token)).get("inFlight").get("id").asString())
                .isEqualTo(paymentId);
        var twice = post("/api/mp/v1/bills/accounts/" + id + "/payments", "{}", token);
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(200);
        assertThat(body(twice).get("orderNo").asString()).isEqualTo(orderNo);
        assertThat(body(twice).get("payment").get("id").asString()).isEqualTo(paymentId);
        var longKey = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        url("/api/mp/v1/bills/accounts/" + id + "/payments"))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k".repeat(65))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(longKey.statusCode()).as("a malformed key is bad input, as on every payment start").isEqualTo(400);

        JsonNode sheet = body(post("/api/mp/v1/orders/" + orderNo + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        String prepay = sheet.get("package").asString().substring("prepay_id=wx".length());
        assertThat(post(sandbox.url() + "/payments/" + prepay + "/approve", "", null).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                body(get("/api/mp/v1/bills/payments/" + paymentId, token)).get("state").asString().equals("WRITTEN_OFF"));
        JsonNode receipt = body(get("/api/mp/v1/bills/payments/" + paymentId, token));
        assertThat(receipt.get("writeOffRef").asString()).startsWith("WOWATER");
        assertThat(receipt.get("billerName").asString()).isEqualTo("市自来水公司");
        assertThat(body(get("/api/mp/v1/bills/accounts/" + id, token)).get("arrearsFen").asLong()).isZero();
        assertThat(body(get("/api/mp/v1/bills/accounts/" + id + "/payments", token)).size()).isEqualTo(1);
        // the inbox has the receipt, once
        JsonNode inbox = body(get("/api/mp/v1/messages", token));
        assertThat(inbox.get("unread").asLong()).isEqualTo(1);
        JsonNode message = inbox.get("messages").get(0);
        assertThat(message.get("title").asString()).isEqualTo("缴费成功");
        assertThat(message.get("body").asString()).contains(receipt.get("writeOffRef").asString());

        // nobody else sees the account or the payment
        String other = realNameCitizen();
        assertThat(body(get("/api/mp/v1/bills/accounts", other)).size()).isZero();
        assertThat(get("/api/mp/v1/bills/accounts/" + id, other).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/bills/accounts/" + id + "/payments", other).statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/bills/payments", other)).size()).isZero();
        assertThat(get("/api/mp/v1/bills/payments/" + paymentId, other).statusCode()).isEqualTo(404);
        assertThat(post("/api/mp/v1/bills/accounts/" + id + "/payments", "{}", other).statusCode()).isEqualTo(404);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/mp/v1/bills/accounts/" + id)))
                .header("Authorization", "Bearer " + other).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(body(get("/api/mp/v1/bills/accounts", token)).size()).isEqualTo(1);
        assertThat(body(get("/api/mp/v1/messages", other)).get("messages").size()).isZero();
        assertThat(post("/api/mp/v1/messages/" + message.get("id").asLong() + "/read", "", other).statusCode()).isEqualTo(404);
        assertThat(post("/api/mp/v1/messages/" + message.get("id").asLong() + "/read", "", token).statusCode()).isEqualTo(204);
        assertThat(body(get("/api/mp/v1/messages", token)).get("unread").asLong()).isZero();
    }

    @Test
    void a_citizen_chooses_channels_per_topic_and_quiet_hours_and_bad_choices_are_refused() throws Exception {
        String token = realNameCitizen();
        JsonNode defaults = body(get("/api/mp/v1/messages/preferences", token));
        assertThat(defaults.get("quietFrom").asString()).isEqualTo("22:00");
        assertThat(defaults.get("channels").get("REFUND").toString()).contains("SMS");
        var chosen = put("/api/mp/v1/messages/preferences",
                "{\"channels\":{\"REFUND\":[]},\"quietFrom\":\"21:30\",\"quietUntil\":\"07:00\"}", token);
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(body(chosen).get("channels").get("REFUND").size()).isZero();
        assertThat(body(chosen).get("quietFrom").asString()).isEqualTo("21:30");
        var badTopic = put("/api/mp/v1/messages/preferences", "{\"channels\":{\"NOPE\":[\"SMS\"]}}", token);
        assertThat(badTopic.statusCode()).isEqualTo(400);
        assertThat(body(badTopic).get("parameter").asString()).isEqualTo("channels");
        assertThat(put("/api/mp/v1/messages/preferences", "{\"quietFrom\":\"25:00\",\"quietUntil\":\"07:00\"}", token)
                .statusCode()).isEqualTo(400);
        assertThat(post("/api/mp/v1/messages/abc/read", "", token).statusCode()).isEqualTo(404);
    }

    @Test
    void a_phone_bill_is_paid_from_the_wallet() throws Exception {
        String token = realNameCitizen();
        post("/api/mp/v1/card", "", token);
        String topUp = body(post("/api/mp/v1/orders", "{\"amountFen\":20000}", token)).get("orderNo").asString();
        JsonNode sheet = body(post("/api/mp/v1/orders/" + topUp + "/pay", "{\"channel\":\"wechat_pay\"}", token))
                .get("clientParameters");
        post(sandbox.url() + "/payments/" + sheet.get("package").asString().substring("prepay_id=wx".length())
                + "/approve", "", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == 20_000);

        String phone = "139" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
        JsonNode account = bind(token, "cmcc", phone);
        assertThat(account.get("accountNoMasked").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        String id = account.get("id").asString();
        JsonNode started = body(post("/api/mp/v1/bills/accounts/" + id + "/payments", "{\"amountFen\":5000}", token));
        var paid = post("/api/mp/v1/orders/" + started.get("orderNo").asString() + "/pay", "{\"channel\":\"wallet\"}", token);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        String paymentId = started.get("payment").get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                body(get("/api/mp/v1/bills/payments/" + paymentId, token)).get("state").asString().equals("WRITTEN_OFF"));
        assertThat(body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong()).isEqualTo(15_000);
    }

    @Test
    void bad_input_is_refused_with_problem_json_naming_what_is_wrong() throws Exception {
        String token = realNameCitizen();
        var malformed = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"12ab\"}", token);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(body(malformed).get("code").asString()).isEqualTo("bills.bad-account-number");
        assertThat(body(malformed).get("parameter").asString()).isEqualTo("accountNo");
        assertThat(body(post("/api/mp/v1/bills/accounts", "{\"billerId\":\"nope\",\"accountNo\":\"1\"}", token))
                .get("code").asString()).isEqualTo("bills.unknown-biller");
        assertThat(post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":12345678901}", token)
                .statusCode()).isEqualTo(400);
        assertThat(body(post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"" + water("0000")
                + "\"}", token)).get("code").asString()).isEqualTo("bills.account-not-found");
        assertThat(get("/api/mp/v1/bills/accounts/not-a-uuid", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/mp/v1/bills/payments/BP1", token).statusCode()).isEqualTo(404);
        String id = bind(token, "water", water("3002")).get("id").asString();
        var wrongAmount = post("/api/mp/v1/bills/accounts/" + id + "/payments", "{\"amountFen\":1}", token);
        assertThat(body(wrongAmount).get("code").asString()).isEqualTo("bills.amount-mismatch");
        assertThat(post("/api/mp/v1/bills/accounts/" + id + "/payments", "{\"amountFen\":1.5}", token).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/mp/v1/bills/accounts", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_suspended_biller_is_marked_with_its_notice_and_refuses_with_problem_json() throws Exception {
        String token = realNameCitizen();
        java.time.LocalTime always = java.time.LocalTime.MIDNIGHT;
        assertThat(operations.changeBiller("unicom", false, always, always, "系统维护，今晚恢复", "联通维护", "billing")).isEmpty();
        try {
            JsonNode unicom = null;
            for (JsonNode b : body(get("/api/mp/v1/bills/billers", token))) {
                unicom = b.get("id").asString().equals("unicom") ? b : unicom;
            }
            assertThat(unicom.get("suspended").asBoolean()).isTrue();
            assertThat(unicom.get("openNow").asBoolean()).isFalse();
            assertThat(unicom.get("notice").asString()).isEqualTo("系统维护，今晚恢复");
            var refused = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"unicom\",\"accountNo\":\"13012345678\"}",
                    token);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(refused).get("code").asString()).isEqualTo("bills.biller-suspended");
        } finally {
            operations.changeBiller("unicom", true, always, always, "", "维护结束", "billing");
        }
    }

    @Test
    void trying_account_numbers_one_after_another_stops_after_thirty_a_day() throws Exception {
        String token = realNameCitizen();
        for (int i = 0; i < org.citycard.bills.BillAccounts.BIND_TRIES_PER_DAY; i++) {
            var unknown = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"" + water("0000")
                    + "\"}", token);
            assertThat(unknown.statusCode()).isEqualTo(422);
        }
        var stopped = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"" + water("3001")
                + "\"}", token);
        assertThat(stopped.statusCode()).isEqualTo(429);
        assertThat(body(stopped).get("code").asString()).isEqualTo("bills.too-many-attempts");
        // a daily limit: asked again after midnight in China, at most a day away
        assertThat(stopped.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds ->
                assertThat(seconds).isBetween(1L, 86_400L));
    }

    @Test
    void twenty_five_accounts_bound_at_once_stop_at_twenty() throws Exception {
        String token = realNameCitizen();
        java.util.List<String> numbers = new java.util.ArrayList<>();
        while (numbers.size() < 25) {
            String number = water("6001");
            if (!numbers.contains(number)) {
                numbers.add(number);
            }
        }
        java.util.List<java.util.concurrent.Future<java.net.http.HttpResponse<String>>> binds = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(25)) {
            for (String number : numbers) {
                binds.add(pool.submit(() -> post("/api/mp/v1/bills/accounts",
                        "{\"billerId\":\"water\",\"accountNo\":\"" + number + "\"}", token)));
            }
        }
        int bound = 0;
        for (var bind : binds) {
            var answer = bind.get();
            if (answer.statusCode() == 201) {
                bound++;
            } else {
                assertThat(body(answer).get("code").asString()).as(answer.body()).isEqualTo("bills.too-many-accounts");
            }
        }
        assertThat(bound).isEqualTo(org.citycard.bills.BillAccounts.MAX_ACCOUNTS);
        assertThat(body(get("/api/mp/v1/bills/accounts", token)).size()).isEqualTo(org.citycard.bills.BillAccounts.MAX_ACCOUNTS);
        // one given back, one more may be bound
        String first = body(get("/api/mp/v1/bills/accounts", token)).get(0).get("id").asString();
        assertThat(delete("/api/mp/v1/bills/accounts/" + first, token).statusCode()).isBetween(200, 204);
        var again = post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"" + water("6001") + "\"}", token);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }
}
