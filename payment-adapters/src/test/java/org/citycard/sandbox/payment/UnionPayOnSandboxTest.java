package org.citycard.sandbox.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentAlert;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** UnionPay (ACP 5.1.0, our own JDK implementation) end to end on the sandbox, certificates and all. */
class UnionPayOnSandboxTest extends SandboxOnPostgres {

    UnionPaySimulator simulator;

    @org.junit.jupiter.api.BeforeEach
    void simulator() {
        simulator = sandbox.payments().unionPay();
    }

    @Test
    void a_web_top_up_is_paid_at_the_cashier_notified_twice_and_credited_once() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 5_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.UNIONPAY, Scene.WEB_QR);
        assertThat(confirm.clientParameters().get("codeUrl")).startsWith("https://qr.95516.com/00010000/01");
        String token = cashier.forOrder(no.value()).orElseThrow().token();

        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 5_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).size() >= 2);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.APPLIED, Notifications.Verdict.DUPLICATE);
        assertThat(fulfilled(citizen)).isEqualTo(5_000);
        // the mini-program scenes are WeChat's and Alipay's own
        assertThat(checkout.pay(citizen, order(citizen, 100), ChannelId.UNIONPAY, Scene.WECHAT_MINI_PROGRAM))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.SCENE_NOT_SUPPORTED));
    }

    @Test
    void asking_again_shows_the_same_code_and_a_code_whose_answer_was_lost_is_recognised_once_paid() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 2_077);
        var first = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.UNIONPAY, Scene.WEB_QR);
        // a reload or a second tap: the same code, where a second prepay would be refused by UnionPay (12)
        var again = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.UNIONPAY, Scene.WEB_QR);
        assertThat(again.clientParameters()).isEqualTo(first.clientParameters());

        // as if UnionPay's answer had been lost on the way: nothing kept here, but the code exists at UnionPay;
        // the citizen pays it (.77: its notification is lost too) and then asks again
        jdbc.sql("update payment_order set prepay_parameters = null where order_no = :no").param("no", no.value()).update();
        assertThat(cashier.approve(cashier.forOrder(no.value()).orElseThrow().token()))
                .isEqualTo(SandboxCashier.Outcome.PAID);
        assertThat(checkout.pay(citizen, no, ChannelId.UNIONPAY, Scene.WEB_QR)).isInstanceOf(Checkout.Result.Paid.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 2_077);
    }

    @Test
    void a_declined_payment_fails_a_lost_notification_is_repaired_and_an_unpaid_code_is_not_withdrawn_early() {
        CitizenId citizen = citizen();
        OrderNo declined = order(citizen, 1_000);
        assertThat(cashier.decline(token(citizen, declined, ChannelId.UNIONPAY))).isEqualTo(SandboxCashier.Outcome.DECLINED);
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(declined).orElseThrow().state() == OrderState.FAILED);

        OrderNo lost = order(citizen, 3_077);
        assertThat(cashier.approve(token(citizen, lost, ChannelId.UNIONPAY))).isEqualTo(SandboxCashier.Outcome.PAID);
        janitor.sweep();
        assertThat(orders.find(lost).orElseThrow().state()).isEqualTo(OrderState.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 3_077);

        // a UnionPay code cannot be withdrawn before it times out: switching channels waits, nothing is paid twice
        OrderNo waiting = order(citizen, 2_000);
        token(citizen, waiting, ChannelId.UNIONPAY);
        assertThat(checkout.pay(citizen, waiting, ChannelId.WECHAT_PAY, Scene.WEB_QR))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.PAYING_ELSEWHERE));
        assertThat(orders.find(waiting).orElseThrow().channel()).isEqualTo(ChannelId.UNIONPAY);
    }

    @Test
    void forged_tampered_and_mismatched_notifications_change_nothing_and_raise_alerts() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 4_000);
        token(citizen, no, ChannelId.UNIONPAY);

        String genuine = simulator.notification(no.value(), 4_000);
        simulator.forgeAnswers = true;
        String forged = simulator.notification(no.value(), 4_000);
        simulator.forgeAnswers = false;
        String tampered = genuine.replace("txnAmt=4000", "txnAmt=1");
        String mismatched = simulator.notification(no.value(), 1);

        assertThat(receive(ChannelId.UNIONPAY, Map.of("", forged)).status()).isEqualTo(500);
        assertThat(receive(ChannelId.UNIONPAY, Map.of("", tampered)).status()).isEqualTo(500);
        assertThat(receive(ChannelId.UNIONPAY, Map.of("", mismatched)).status()).isEqualTo(200);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.MISMATCH);
        assertThat(events.stream(PaymentAlert.class).filter(a -> a.channel() == ChannelId.UNIONPAY))
                .extracting(PaymentAlert::verdict).contains(Notifications.Verdict.REJECTED, Notifications.Verdict.MISMATCH);
        assertThat(receive(ChannelId.UNIONPAY, Map.of("", genuine)).body()).isEqualTo("ok");
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
    }

    @Test
    void an_answer_signed_with_a_certificate_unionpay_did_not_issue_is_not_believed() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 2_500);
        simulator.forgeAnswers = true;
        try {
            assertThat(checkout.pay(citizen, no, ChannelId.UNIONPAY, Scene.WEB_QR))
                    .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_UNAVAILABLE));
        } finally {
            simulator.forgeAnswers = false;
        }
    }
}
