package org.citycard.sandbox.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentAlert;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.citycard.payment.wechatpay.WeChatPayAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;

/** WeChat Pay end to end on the sandbox, through WxJava with real signatures. */
class WeChatPayOnSandboxTest extends SandboxOnPostgres {

    WeChatPaySimulator simulator;

    @org.junit.jupiter.api.BeforeEach
    void simulator() {
        simulator = sandbox.payments().weChatPay();
    }
    @Autowired
    WeChatPayAccount account;
    @Autowired
    WxPayService wxPay;
    @Autowired
    LoginLinks logins;

    @Test
    void a_web_top_up_is_paid_at_the_cashier_notified_twice_and_credited_once() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 5_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY, Scene.WEB_QR);
        String codeUrl = confirm.clientParameters().get("codeUrl");
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
        String token = codeUrl.substring(codeUrl.indexOf("pr=") + 3);
        assertThat(cashier.find(token)).get().extracting(SandboxCashier.Pending::amountFen).isEqualTo(5_000L);

        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 5_000);
        // the sandbox sends the notification once more, as WeChat Pay does: kept, recognised, credited once
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).size() >= 2);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.APPLIED, Notifications.Verdict.DUPLICATE);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
        assertThat(fulfilled(citizen)).isEqualTo(5_000);
        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.NOT_PENDING);
    }

    @Test
    void the_mini_program_gets_a_sheet_signed_with_the_merchant_key_for_its_own_openid() throws Exception {
        CitizenId citizen = logins.signIn(ExternalLogin.WECHAT, "o-test-" + System.nanoTime()).id();
        OrderNo no = order(citizen, 2_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY,
                Scene.WECHAT_MINI_PROGRAM);
        Map<String, String> sheet = confirm.clientParameters();
        assertThat(sheet).containsOnlyKeys("timeStamp", "nonceStr", "package", "signType", "paySign");
        assertThat(sheet.get("package")).startsWith("prepay_id=wx");
        String message = WeChatPaySimulator.APP_ID + "\n" + sheet.get("timeStamp") + "\n" + sheet.get("nonceStr") + "\n"
                + sheet.get("package") + "\n";
        assertThat(WeChatPaySimulator.verify(simulator.merchantKeys.getPublic(), message, sheet.get("paySign"))).isTrue();

        CitizenId noWeChat = CitizenId.random();
        OrderNo other = order(noWeChat, 2_000);
        assertThat(checkout.pay(noWeChat, other, ChannelId.WECHAT_PAY, Scene.WECHAT_MINI_PROGRAM))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.DECLINED));
    }

    @Test
    void a_declined_payment_fails_and_a_lost_notification_is_repaired_by_the_janitor() {
        CitizenId citizen = citizen();
        OrderNo declined = order(citizen, 1_000);
        assertThat(cashier.decline(token(citizen, declined, ChannelId.WECHAT_PAY))).isEqualTo(SandboxCashier.Outcome.DECLINED);
        // 77 fen: the sandbox takes the money and loses the notification, as a crash between the two would
        OrderNo lost = order(citizen, 1_077);
        assertThat(cashier.approve(token(citizen, lost, ChannelId.WECHAT_PAY))).isEqualTo(SandboxCashier.Outcome.PAID);

        janitor.sweep();
        assertThat(orders.find(declined).orElseThrow().state()).isEqualTo(OrderState.FAILED);
        assertThat(orders.find(lost).orElseThrow().state()).isEqualTo(OrderState.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 1_077);
        assertThat(notifications.ofOrder(lost)).isEmpty();
    }

    @Test
    void an_expired_order_is_closed_at_wechat_pay_before_it_is_closed_here() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 3_000);
        String token = token(citizen, no, ChannelId.WECHAT_PAY);
        jdbc.sql("update payment_order set expires_at = :past where order_no = :no")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1))).param("no", no.value())
                .update();
        janitor.sweep();
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.CLOSED);
        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.NOT_PENDING);
    }

    @Test
    void forged_tampered_and_mismatched_notifications_change_nothing_and_raise_alerts() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 4_000);
        token(citizen, no, ChannelId.WECHAT_PAY);

        Map<String, String> genuine = simulator.paymentNotification(no.value(), 4_000);
        simulator.forgeAnswers = true;
        Map<String, String> forged = simulator.paymentNotification(no.value(), 4_000);
        simulator.forgeAnswers = false;
        Map<String, String> tampered = new LinkedHashMap<>(genuine);
        String body = genuine.get("");
        String cipher = body.replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1");
        tampered.put("", body.replace(cipher, (cipher.charAt(0) == 'A' ? "B" : "A") + cipher.substring(1)));
        Map<String, String> mismatched = simulator.paymentNotification(no.value(), 1);
        Map<String, String> stale = new LinkedHashMap<>(genuine);
        stale.put("Wechatpay-Timestamp", Long.toString(java.time.Instant.now().minusSeconds(600).getEpochSecond()));

        assertThat(receive(ChannelId.WECHAT_PAY, forged).status()).isEqualTo(500);
        assertThat(receive(ChannelId.WECHAT_PAY, tampered).status()).isEqualTo(500);
        assertThat(receive(ChannelId.WECHAT_PAY, stale).status()).isEqualTo(500);
        assertThat(receive(ChannelId.WECHAT_PAY, mismatched).status()).isEqualTo(204);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.MISMATCH);
        assertThat(events.stream(PaymentAlert.class)).extracting(PaymentAlert::verdict)
                .contains(Notifications.Verdict.REJECTED, Notifications.Verdict.MISMATCH);
        assertThat(jdbc.sql("select count(*) from payment_notification where verdict = 'REJECTED' and body = :body")
                .param("body", forged.get("")).query(Integer.class).single()).isEqualTo(1);
        assertThat(fulfilled(citizen)).isZero();
    }

    @Test
    void twenty_identical_notifications_at_once_credit_the_wallet_exactly_once() throws Exception {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 6_000);
        token(citizen, no, ChannelId.WECHAT_PAY);
        Map<String, String> notification = simulator.paymentNotification(no.value(), 6_000);
        List<PaymentChannel.Reply> replies = parallel(20, () -> receive(ChannelId.WECHAT_PAY, notification));
        assertThat(replies).extracting(PaymentChannel.Reply::status).containsOnly(204);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .filteredOn(v -> v == Notifications.Verdict.APPLIED).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 6_000);
        Thread.sleep(300);
        assertThat(fulfilled(citizen)).isEqualTo(6_000);
    }

    @Test
    void a_refund_notice_before_the_payment_notice_waits_and_partial_refunds_go_back_through_wechat_pay() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 10_000);
        String token = token(citizen, no, ChannelId.WECHAT_PAY);
        // out of order: a refund notice for an order not yet paid here is left for WeChat Pay to send again
        assertThat(receive(ChannelId.WECHAT_PAY, simulator.refundNotification(no.value(), "RF000000000000000000000001", 10_000)).status())
                .isEqualTo(500);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.DEFERRED);

        cashier.approve(token);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 10_000);
        var partial = refunds.refund(no, 3_000, "部分退款 partial", "finance1");
        assertThat(partial).isInstanceOf(Refunds.Result.Pending.class);
        String refundNo = ((Refunds.Result.Pending) partial).refundNo();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refundNo).orElseThrow().state()
                == PaymentOrders.RefundState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 7_000);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(3_000);
        // 66 fen: WeChat Pay refuses the refund; nothing leaves the wallet and the amount stays refundable
        var refused = refunds.refund(no, 66, "sandbox refusal", "finance1");
        String refusedNo = ((Refunds.Result.Pending) refused).refundNo();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refusedNo).orElseThrow().state()
                == PaymentOrders.RefundState.FAILED);
        // finished by hand at WeChat Pay after all: the refund counts, and the wallet gives it back, once
        assertThat(receive(ChannelId.WECHAT_PAY, simulator.refundNotification(no.value(), refusedNo, 66)).status())
                .isEqualTo(204);
        assertThat(orders.refund(refusedNo).orElseThrow().state()).isEqualTo(PaymentOrders.RefundState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 7_000 - 66);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(3_066);
        assertThat(refunds.refund(no, 7_001, "too much", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.REFUND_TOO_LARGE));
        assertThat(fulfilled(citizen)).isEqualTo(7_000 - 66);
    }

    @Test
    void an_answer_not_signed_by_wechat_pay_is_rejected() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 2_500);
        token(citizen, no, ChannelId.WECHAT_PAY);
        OrderNo another = order(citizen, 2_600);
        simulator.forgeAnswers = true;
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wxPay.queryOrderV3(null, no.value()))
                    .isInstanceOf(WxPayException.class)
                    .satisfies(e -> assertThat(causes(e)).contains("签名验证失败"));
            assertThat(checkout.pay(citizen, another, ChannelId.WECHAT_PAY, Scene.WEB_QR))
                    .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_UNAVAILABLE));
        } finally {
            simulator.forgeAnswers = false;
        }
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
    }

    @Test
    void the_official_wechat_pay_sdk_verifies_and_decrypts_the_sandbox_notifications() throws Exception {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 1_234);
        token(citizen, no, ChannelId.WECHAT_PAY);
        Map<String, String> notification = simulator.paymentNotification(no.value(), 1_234);
        NotificationParser parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                .publicKey(publicKey()).publicKeyId(account.publicKeyId()).apiV3Key(account.apiV3Key()).build());
        Transaction transaction = parser.parse(new RequestParam.Builder()
                .serialNumber(notification.get("Wechatpay-Serial")).nonce(notification.get("Wechatpay-Nonce"))
                .signature(notification.get("Wechatpay-Signature")).timestamp(notification.get("Wechatpay-Timestamp"))
                .body(notification.get("")).build(), Transaction.class);
        assertThat(transaction.getOutTradeNo()).isEqualTo(no.value());
        assertThat(transaction.getMchid()).isEqualTo(account.mchId());
        assertThat(transaction.getAmount().getTotal()).isEqualTo(1_234);
    }

    private PublicKey publicKey() throws Exception {
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(account.publicKeyPath()))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
    }
}
