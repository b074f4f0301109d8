package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Messages through the mini-program API: a WeChat subscribe message goes out only with the citizen's fresh consent
 * (the sandbox plays WeChat, answering 43101 without one); without it the notice is in the inbox and reaches the
 * phone by SMS instead.
 */
class MessagesApiTest extends ApiTest {

    private String payWaterBillFromTheWallet(String token) throws Exception {
        String number = null;
        for (int i = 0; i < 100 && number == null; i++) {
            String candidate = String.format("%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000)) + "6001";
            number = sandbox.billers().ordinary("water", candidate) ? candidate : null;
        }
        String account = body(post("/api/mp/v1/bills/accounts", "{\"billerId\":\"water\",\"accountNo\":\"" + number + "\"}",
                token)).get("id").asString();
        JsonNode started = body(post("/api/mp/v1/bills/accounts/" + account + "/payments", "{}", token));
        var paid = post("/api/mp/v1/orders/" + started.get("orderNo").asString() + "/pay", "{\"channel\":\"wallet\"}", token);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return started.get("payment").get("writeOffRef").asString("");
    }

    private JsonNode newest(String token) throws Exception {
        return body(get("/api/mp/v1/messages", token)).get("messages").get(0);
    }

    private String copy(JsonNode message, String channel) {
        for (JsonNode copy : message.get("copies")) {
            if (copy.get("channel").asString().equals(channel)) {
                return copy.get("state").asString();
            }
        }
        return "none";
    }

    /** A real-name citizen of the platform with 1,000 yuan in the wallet, told of paid bills only on this channel. */
    private String fundedCitizen(String platform, String field, String user, String channel) throws Exception {
        String token = realNameCitizen(platform, field, user);
        post("/api/mp/v1/card", "", token);
        String topUp = body(post("/api/mp/v1/orders", "{\"amountFen\":100000}", token)).get("orderNo").asString();
        // each mini-program pays with its own platform's channel; the sandbox cashier plays the phone
        String payWith = platform.equals("alipay") ? "alipay" : "wechat_pay";
        var paying = post("/api/mp/v1/orders/" + topUp + "/pay", "{\"channel\":\"" + payWith + "\"}", token);
        assertThat(paying.statusCode()).as(paying.body()).isEqualTo(200);
        String cashierToken = null;
        for (JsonNode payment : body(get(sandbox.url() + "/payments", null))) {
            if (payment.get("orderNo").asString().equals(topUp)) {
                cashierToken = payment.get("token").asString();
            }
        }
        assertThat(post(sandbox.url() + "/payments/" + cashierToken + "/approve", "", null).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == 100_000);
        // no quiet hours (the test may run at night, China time), and paid bills on this channel only
        var chosen = put("/api/mp/v1/messages/preferences", "{\"channels\":{\"BILL_PAID\":[\"" + channel
                + "\"]},\"quietFrom\":\"00:00\",\"quietUntil\":\"00:00\"}", token);
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        return token;
    }

    @Test
    void a_wechat_subscribe_message_needs_a_fresh_consent_and_without_one_the_notice_goes_by_sms() throws Exception {
        String user = "msg" + System.nanoTime();
        String token = fundedCitizen("wechat", "code", user, "WECHAT");

        // no consent: WeChat is not asked to send, the inbox and SMS carry the notice
        payWaterBillFromTheWallet(token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").size() == 1 && copy(newest(token), "SMS").equals("SENT"));
        assertThat(copy(newest(token), "WECHAT")).isEqualTo("NOT_SENT");

        // the mini-program asked, the citizen allowed it once: the next one goes through WeChat
        String template = body(get("/api/mp/v1/messages/templates?channel=WECHAT", token)).get("BILL_PAID").asString();
        assertThat(post(sandbox.url() + "/wechat-api/sandbox/accept-subscribe?user=" + user + "&template_id=" + template,
                "", null).statusCode()).isEqualTo(200);
        var consent = post("/api/mp/v1/messages/consents", "{\"channel\":\"WECHAT\",\"decisions\":{\"" + template
                + "\":\"accept\"}}", token);
        assertThat(body(consent).get("accepted").asInt()).isEqualTo(1);
        assertThat(post("/api/mp/v1/messages/consents", "{\"channel\":\"WECHAT\",\"decisions\":{\"forged\":\"accept\"}}",
                token).statusCode()).isEqualTo(400);
        payWaterBillFromTheWallet(token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").size() == 2 && copy(newest(token), "WECHAT").equals("SENT"));
        JsonNode delivered = body(get(sandbox.url() + "/wechat-api/sandbox/subscribe-messages?user=" + user, null));
        assertThat(delivered.size()).isEqualTo(1);
        assertThat(delivered.get(0).get("template_id").asString()).isEqualTo(template);
        assertThat(delivered.get(0).get("data").toString()).contains("缴费成功");
        assertThat(copy(newest(token), "SMS")).isEqualTo("none");
    }

    @Test
    void an_alipay_template_message_needs_a_form_id_of_the_citizens_own_and_without_one_the_notice_goes_by_sms()
            throws Exception {
        String user = "ali" + System.nanoTime();
        String token = fundedCitizen("alipay", "authCode", user, "ALIPAY");
        payWaterBillFromTheWallet(token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").size() == 1 && copy(newest(token), "SMS").equals("SENT"));
        assertThat(copy(newest(token), "ALIPAY")).isEqualTo("NOT_SENT");

        // the citizen submitted a form in the Alipay mini-program, which reports its form id
        String formId = body(post(sandbox.url() + "/alipay-login/sandbox/form-id?user=" + user, "", null))
                .get("formId").asString();
        assertThat(body(post("/api/mp/v1/messages/consents", "{\"channel\":\"ALIPAY\",\"decisions\":{\"" + formId
                + "\":\"accept\"}}", token)).get("accepted").asInt()).isEqualTo(1);
        payWaterBillFromTheWallet(token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").size() == 2 && copy(newest(token), "ALIPAY").equals("SENT"));
        JsonNode delivered = body(get(sandbox.url() + "/alipay-login/sandbox/template-messages?user=" + user, null));
        assertThat(delivered.size()).isEqualTo(1);
        assertThat(delivered.get(0).get("data").asString()).contains("缴费成功");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.payment.Refunds refunds;

    @Test
    void the_citizen_is_told_when_a_refund_is_back_and_when_the_channel_refused_it() throws Exception {
        String token = fundedCitizen("wechat", "code", "rf" + System.nanoTime(), "WECHAT");
        String topUp = body(get("/api/mp/v1/orders", token)).get(0).get("orderNo").asString();
        var order = new org.citycard.payment.OrderNo(topUp);
        // finance gives part of the top-up back: the money is back in WeChat Pay, and the citizen is told where
        assertThat(refunds.refund(order, 2_000, "多充 topped up too much", "finance1"))
                .isNotInstanceOf(org.citycard.payment.Refunds.Result.Failed.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").toString().contains("退款已到账"));
        assertThat(newest(token).toString()).contains("¥20.00", "微信支付");

        // a refund the channel refuses (the sandbox refuses .66): the citizen hears the money is still theirs
        var refused = refunds.refund(order, 1_066, "多充 topped up too much", "finance1");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").toString().contains("退款未能原路退回"));
        JsonNode receipt = body(get("/api/mp/v1/orders/" + topUp, token));
        assertThat(receipt.get("refunds").toString()).contains("\"stillOwed\":true");
        // once finance returned it by bank transfer (and a second officer approved), it is no longer owed, the
        // wallet gives the money back, and the citizen is told it was returned another way
        String refundNo = refused instanceof org.citycard.payment.Refunds.Result.Failed f ? f.refundNo()
                : ((org.citycard.payment.Refunds.Result.Pending) refused).refundNo();
        long before = body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong();
        var byHand = (org.citycard.payment.Refunds.Result.AwaitingApproval) refunds.returnedByHand(refundNo,
                "银行转账 BT-1", "finance1");
        assertThat(body(get("/api/mp/v1/orders/" + topUp, token)).get("refunds").toString())
                .doesNotContain("\"stillOwed\":true");
        assertThat(refunds.approve(byHand.refundNo(), "finance2"))
                .isInstanceOf(org.citycard.payment.Refunds.Result.Done.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                body(get("/api/mp/v1/wallet", token)).get("balanceFen").asLong() == before - 1_066);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> body(get("/api/mp/v1/messages", token))
                .get("messages").toString().contains("退款已另行退还"));
        assertThat(body(get("/api/mp/v1/orders/" + topUp, token)).get("refunds").toString())
                .contains("\"byHand\":true", "BT-1");
    }
}
