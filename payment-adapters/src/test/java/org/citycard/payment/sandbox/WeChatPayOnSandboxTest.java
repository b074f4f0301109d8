package org.citycard.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentAlert;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentTestApplication;
import org.citycard.payment.Purpose;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.citycard.payment.wechatpay.WeChatPayAccount;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;

/**
 * WeChat Pay end to end on the sandbox, through WxJava with real signatures, on PostgreSQL: the notifications
 * reach a real HTTP endpoint that hands them to {@link Notifications}, as the app's controller does.
 */
@SpringBootTest(classes = PaymentTestApplication.class, properties = {
        "citycard.payment.sandbox.enabled=true", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.payment.sandbox.duplicate-after=PT0.3S"})
@RecordApplicationEvents
class WeChatPayOnSandboxTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();
    private static HttpServer merchant;
    private static volatile Notifications desk;

    @Autowired
    PaymentOrders orders;
    @Autowired
    Checkout checkout;
    @Autowired
    Refunds refunds;
    @Autowired
    Notifications notifications;
    @Autowired
    SandboxCashier cashier;
    @Autowired
    WeChatPaySimulator simulator;
    @Autowired
    WeChatPayAccount account;
    @Autowired
    WxPayService wxPay;
    @Autowired
    Ledger ledger;
    @Autowired
    LoginLinks logins;
    @Autowired
    org.citycard.payment.PaymentJanitor janitor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    @BeforeAll
    static void services() throws IOException {
        RequiredServices.postgres();
        // the merchant's notification endpoint, as the app's controller: raw headers and body to the desk
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.createContext("/api/payment/v1/notify/wechat-pay", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            PaymentChannel.Reply reply = desk.receive(ChannelId.WECHAT_PAY, new PaymentChannel.Inbound(headers, body));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        merchant.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("citycard.payment.notify-base-url", () -> "http://127.0.0.1:" + merchant.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        merchant.stop(0);
        SCHEMA.drop();
    }

    @Test
    void a_web_top_up_is_paid_at_the_cashier_notified_twice_and_credited_once() {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 5_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY, Scene.WEB_QR);
        String codeUrl = confirm.clientParameters().get("codeUrl");
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
        String token = codeUrl.substring(codeUrl.indexOf("pr=") + 3);
        assertThat(cashier.find(token)).get().extracting(SandboxCashier.Pending::amountFen).isEqualTo(5_000L);

        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 5_000);
        // the sandbox sends the notification once more, as WeChat Pay does: kept, recognised, credited once
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).size() >= 2);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.APPLIED, Notifications.Verdict.DUPLICATE);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
        assertThat(balance(citizen)).isEqualTo(5_000);
        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.NOT_PENDING);
    }

    @Test
    void the_mini_program_gets_a_sheet_signed_with_the_merchant_key_for_its_own_openid() throws Exception {
        CitizenId citizen = logins.signIn(ExternalLogin.WECHAT, "o-test-" + System.nanoTime()).id();
        OrderNo no = topUp(citizen, 2_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY,
                Scene.WECHAT_MINI_PROGRAM);
        Map<String, String> sheet = confirm.clientParameters();
        assertThat(sheet).containsOnlyKeys("timeStamp", "nonceStr", "package", "signType", "paySign");
        assertThat(sheet.get("package")).startsWith("prepay_id=wx");
        String message = WeChatPaySimulator.APP_ID + "\n" + sheet.get("timeStamp") + "\n" + sheet.get("nonceStr") + "\n"
                + sheet.get("package") + "\n";
        assertThat(WeChatPaySimulator.verify(simulator.merchantKeys.getPublic(), message, sheet.get("paySign"))).isTrue();

        CitizenId noWeChat = CitizenId.random();
        OrderNo other = topUp(noWeChat, 2_000);
        assertThat(checkout.pay(noWeChat, other, ChannelId.WECHAT_PAY, Scene.WECHAT_MINI_PROGRAM))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.DECLINED));
    }

    @Test
    void a_declined_payment_fails_and_a_lost_notification_is_repaired_by_the_janitor() {
        CitizenId citizen = citizenWithWallet();
        OrderNo declined = topUp(citizen, 1_000);
        assertThat(cashier.decline(token(citizen, declined))).isEqualTo(SandboxCashier.Outcome.DECLINED);
        // 77 fen: the sandbox takes the money and loses the notification, as a crash between the two would
        OrderNo lost = topUp(citizen, 1_077);
        assertThat(cashier.approve(token(citizen, lost))).isEqualTo(SandboxCashier.Outcome.PAID);

        janitor.sweep();
        assertThat(orders.find(declined).orElseThrow().state()).isEqualTo(OrderState.FAILED);
        assertThat(orders.find(lost).orElseThrow().state()).isEqualTo(OrderState.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 1_077);
        assertThat(notifications.ofOrder(lost)).isEmpty();
    }

    @Test
    void an_expired_order_is_closed_at_wechat_pay_before_it_is_closed_here() {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 3_000);
        String token = token(citizen, no);
        jdbc.sql("update payment_order set expires_at = :past where order_no = :no")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1))).param("no", no.value())
                .update();
        janitor.sweep();
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.CLOSED);
        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.NOT_PENDING);
    }

    @Test
    void forged_tampered_and_mismatched_notifications_change_nothing_and_raise_alerts() {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 4_000);
        token(citizen, no);

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

        assertThat(receive(forged).status()).isEqualTo(500);
        assertThat(receive(tampered).status()).isEqualTo(500);
        assertThat(receive(stale).status()).isEqualTo(500);
        assertThat(receive(mismatched).status()).isEqualTo(204);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.MISMATCH);
        assertThat(events.stream(PaymentAlert.class)).extracting(PaymentAlert::verdict)
                .contains(Notifications.Verdict.REJECTED, Notifications.Verdict.MISMATCH);
        assertThat(jdbc.sql("select count(*) from payment_notification where verdict = 'REJECTED' and body = :body")
                .param("body", forged.get("")).query(Integer.class).single()).isEqualTo(1);
        assertThat(balance(citizen)).isZero();
    }

    @Test
    void twenty_identical_notifications_at_once_credit_the_wallet_exactly_once() throws Exception {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 6_000);
        token(citizen, no);
        Map<String, String> notification = simulator.paymentNotification(no.value(), 6_000);
        List<PaymentChannel.Reply> replies = parallel(20, () -> receive(notification));
        assertThat(replies).extracting(PaymentChannel.Reply::status).containsOnly(204);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .filteredOn(v -> v == Notifications.Verdict.APPLIED).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 6_000);
        Thread.sleep(300);
        assertThat(balance(citizen)).isEqualTo(6_000);
    }

    @Test
    void a_refund_notice_before_the_payment_notice_waits_and_partial_refunds_go_back_through_wechat_pay() {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 10_000);
        String token = token(citizen, no);
        // out of order: a refund notice for an order not yet paid here is left for WeChat Pay to send again
        assertThat(receive(simulator.refundNotification(no.value(), "RF000000000000000000000001", 10_000)).status())
                .isEqualTo(500);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.DEFERRED);

        cashier.approve(token);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 10_000);
        var partial = refunds.refund(no, 3_000, "部分退款 partial", "finance1");
        assertThat(partial).isInstanceOf(Refunds.Result.Pending.class);
        String refundNo = ((Refunds.Result.Pending) partial).refundNo();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refundNo).orElseThrow().state()
                == PaymentOrders.RefundState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 7_000);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(3_000);
        // 66 fen: WeChat Pay refuses the refund; nothing leaves the wallet and the amount stays refundable
        var refused = refunds.refund(no, 66, "sandbox refusal", "finance1");
        String refusedNo = ((Refunds.Result.Pending) refused).refundNo();
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.refund(refusedNo).orElseThrow().state()
                == PaymentOrders.RefundState.FAILED);
        assertThat(refunds.refund(no, 7_001, "too much", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.REFUND_TOO_LARGE));
        assertThat(balance(citizen)).isEqualTo(7_000);
    }

    @Test
    void an_answer_not_signed_by_wechat_pay_is_rejected() {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 2_500);
        token(citizen, no);
        simulator.forgeAnswers = true;
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wxPay.queryOrderV3(null, no.value()))
                    .isInstanceOf(WxPayException.class)
                    .satisfies(e -> assertThat(causes(e)).contains("签名验证失败"));
            assertThat(checkout.pay(citizen, no, ChannelId.WECHAT_PAY, Scene.WEB_QR))
                    .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_UNAVAILABLE));
        } finally {
            simulator.forgeAnswers = false;
        }
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
    }

    @Test
    void the_official_wechat_pay_sdk_verifies_and_decrypts_the_sandbox_notifications() throws Exception {
        CitizenId citizen = citizenWithWallet();
        OrderNo no = topUp(citizen, 1_234);
        token(citizen, no);
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

    private PaymentChannel.Reply receive(Map<String, String> parts) {
        Map<String, String> headers = new LinkedHashMap<>();
        parts.forEach((k, v) -> {
            if (!k.isEmpty()) {
                headers.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        return notifications.receive(ChannelId.WECHAT_PAY, new PaymentChannel.Inbound(headers, parts.get("")));
    }

    private CitizenId citizenWithWallet() {
        desk = notifications;
        CitizenId citizen = CitizenId.random();
        ledger.open(Wallets.accountOf(citizen), AccountKind.WALLET, null);
        return citizen;
    }

    private OrderNo topUp(CitizenId citizen, long fen) {
        desk = notifications;
        var created = (PaymentOrders.Creation.Created) orders.create(citizen,
                new Purpose(Purpose.WALLET_TOP_UP, citizen.toString()), fen, "钱包充值", null);
        return created.order().no();
    }

    private String token(CitizenId citizen, OrderNo no) {
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY, Scene.WEB_QR);
        String codeUrl = confirm.clientParameters().get("codeUrl");
        return codeUrl.substring(codeUrl.indexOf("pr=") + 3);
    }

    private long balance(CitizenId citizen) {
        return ledger.balance(Wallets.accountOf(citizen)).orElse(-1);
    }

    private PublicKey publicKey() throws Exception {
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(account.publicKeyPath()))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
