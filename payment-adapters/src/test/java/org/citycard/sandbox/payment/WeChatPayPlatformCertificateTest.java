package org.citycard.sandbox.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.Scene;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * WeChat Pay in its older key mode: the platform certificates are downloaded from the sandbox's
 * {@code /v3/certificates}, decrypted with the APIv3 key, and then verify answers and notifications.
 */
@TestPropertySource(properties = "citycard.payment.wechat.key-mode=PLATFORM_CERTIFICATE")
class WeChatPayPlatformCertificateTest extends SandboxOnPostgres {

    WeChatPaySimulator simulator;

    @org.junit.jupiter.api.BeforeEach
    void simulator() {
        simulator = sandbox.payments().weChatPay();
    }
    @Autowired
    LoginLinks logins;

    @Test
    void a_top_up_is_paid_and_notified_with_the_downloaded_platform_certificate() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 5_000);
        String token = token(citizen, no, ChannelId.WECHAT_PAY);
        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 5_000);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .startsWith(Notifications.Verdict.APPLIED);
        assertThat(jdbc.sql("select headers from payment_notification where order_no = :no order by id limit 1")
                .param("no", no.value()).query(String.class).single())
                .contains("wechatpay-serial: " + simulator.platformCertificate.getSerialNumber().toString(16).toUpperCase());
    }

    @Test
    void the_mini_program_sheet_is_signed_and_an_impostor_with_the_same_serial_is_refused() {
        CitizenId citizen = logins.signIn(ExternalLogin.WECHAT, "o-cert-" + System.nanoTime()).id();
        OrderNo no = order(citizen, 2_000);
        var sheet = ((Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.WECHAT_PAY,
                Scene.WECHAT_MINI_PROGRAM)).clientParameters();
        String message = WeChatPaySimulator.APP_ID + "\n" + sheet.get("timeStamp") + "\n" + sheet.get("nonceStr") + "\n"
                + sheet.get("package") + "\n";
        assertThat(WeChatPaySimulator.verify(simulator.merchantKeys.getPublic(), message, sheet.get("paySign"))).isTrue();

        simulator.forgeAnswers = true;
        Map<String, String> forged;
        try {
            forged = simulator.paymentNotification(no.value(), 2_000);
            CitizenId other = citizen();
            assertThat(checkout.pay(other, order(other, 1_000), ChannelId.WECHAT_PAY, Scene.WEB_QR))
                    .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_UNAVAILABLE));
        } finally {
            simulator.forgeAnswers = false;
        }
        assertThat(receive(ChannelId.WECHAT_PAY, forged).status()).isEqualTo(500);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(receive(ChannelId.WECHAT_PAY, simulator.paymentNotification(no.value(), 2_000)).status()).isEqualTo(204);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
    }
}
