package org.citycard.sandbox.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Alipay end to end on the sandbox, through the official Alipay SDK with real RSA2 signatures both ways. */
class AlipayOnSandboxTest extends SandboxOnPostgres {

    AlipaySimulator simulator;

    @org.junit.jupiter.api.BeforeEach
    void simulator() {
        simulator = sandbox.payments().alipay();
    }
    @Autowired
    LoginLinks logins;

    @Test
    void a_web_top_up_is_paid_at_the_cashier_notified_twice_and_credited_once() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 5_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.ALIPAY, Scene.WEB_QR);
        assertThat(confirm.clientParameters().get("codeUrl")).startsWith("https://qr.alipay.com/bax0");
        String token = cashier.forOrder(no.value()).orElseThrow().token();

        assertThat(cashier.approve(token)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 5_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).size() >= 2);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.APPLIED, Notifications.Verdict.DUPLICATE);
        assertThat(orders.find(no).orElseThrow().channelTradeNo()).matches("\\d{28}");
        assertThat(fulfilled(citizen)).isEqualTo(5_000);
    }

    @Test
    void the_mini_program_gets_a_trade_number_for_its_own_alipay_user() {
        CitizenId citizen = logins.signIn(ExternalLogin.ALIPAY, "2088" + (System.nanoTime() % 1_000_000_000_000L)).id();
        OrderNo no = order(citizen, 2_000);
        var confirm = (Checkout.Result.Confirm) checkout.pay(citizen, no, ChannelId.ALIPAY, Scene.ALIPAY_MINI_PROGRAM);
        // what my.tradePay takes
        assertThat(confirm.clientParameters()).containsOnlyKeys("tradeNO");
        assertThat(confirm.clientParameters().get("tradeNO")).matches("\\d{28}");

        CitizenId noAlipay = CitizenId.random();
        assertThat(checkout.pay(noAlipay, order(noAlipay, 2_000), ChannelId.ALIPAY, Scene.ALIPAY_MINI_PROGRAM))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.DECLINED));
    }

    @Test
    void a_declined_payment_is_closed_by_alipay_and_fails_here_and_a_lost_notification_is_repaired() {
        CitizenId citizen = citizen();
        OrderNo declined = order(citizen, 1_000);
        assertThat(cashier.decline(token(citizen, declined, ChannelId.ALIPAY))).isEqualTo(SandboxCashier.Outcome.DECLINED);
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(declined).orElseThrow().state() == OrderState.FAILED);

        OrderNo lost = order(citizen, 2_077);
        assertThat(cashier.approve(token(citizen, lost, ChannelId.ALIPAY))).isEqualTo(SandboxCashier.Outcome.PAID);
        janitor.sweep();
        assertThat(orders.find(lost).orElseThrow().state()).isEqualTo(OrderState.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 2_077);
    }

    @Test
    void forged_tampered_and_mismatched_notifications_change_nothing_and_raise_alerts() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 4_000);
        token(citizen, no, ChannelId.ALIPAY);

        String genuine = simulator.notification(no.value(), "TRADE_SUCCESS", 4_000);
        simulator.forgeAnswers = true;
        String forged = simulator.notification(no.value(), "TRADE_SUCCESS", 4_000);
        simulator.forgeAnswers = false;
        String tampered = genuine.replace("total_amount=40.00", "total_amount=0.01");
        String mismatched = simulator.notification(no.value(), "TRADE_SUCCESS", 1);

        assertThat(receive(ChannelId.ALIPAY, Map.of("", forged)).body()).isEqualTo("fail");
        assertThat(receive(ChannelId.ALIPAY, Map.of("", tampered)).body()).isEqualTo("fail");
        assertThat(receive(ChannelId.ALIPAY, Map.of("", mismatched)).body()).isEqualTo("success");
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .containsExactly(Notifications.Verdict.MISMATCH);
        assertThat(events.stream(PaymentAlert.class).filter(a -> a.channel() == ChannelId.ALIPAY))
                .extracting(PaymentAlert::verdict).contains(Notifications.Verdict.REJECTED, Notifications.Verdict.MISMATCH);

        assertThat(receive(ChannelId.ALIPAY, Map.of("", genuine)).body()).isEqualTo("success");
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
    }

    @Test
    void a_suspect_senders_forgery_is_not_kept_and_kept_forgeries_are_forgotten_after_thirty_days() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 1_500);
        token(citizen, no, ChannelId.ALIPAY);
        String genuine = simulator.notification(no.value(), "TRADE_SUCCESS", 1_500);
        String forged = genuine.replace("total_amount=15.00", "total_amount=0.15");
        var inbound = new org.citycard.payment.PaymentChannel.Inbound(Map.of(), forged);

        // from a sender past its budget of forgeries: verified first, and not kept
        var suspect = notifications.receiveAndJudge(ChannelId.ALIPAY, inbound, false);
        assertThat(suspect.verdict()).isEqualTo(Notifications.Verdict.REJECTED);
        assertThat(suspect.reply().body()).isEqualTo("fail");
        assertThat(rejectedWithBody(forged)).isZero();
        // the genuine one from the same sender is kept and applied
        var believed = notifications.receiveAndJudge(ChannelId.ALIPAY,
                new org.citycard.payment.PaymentChannel.Inbound(Map.of(), genuine), false);
        assertThat(believed.verdict()).isEqualTo(Notifications.Verdict.APPLIED);

        // otherwise a forgery is kept, for finance to look into; after thirty days it is forgotten, the genuine not
        assertThat(notifications.receiveAndJudge(ChannelId.ALIPAY, inbound, true).verdict())
                .isEqualTo(Notifications.Verdict.REJECTED);
        assertThat(rejectedWithBody(forged)).isEqualTo(1);
        jdbc.sql("update payment_notification set received_at = :old where body in (:bodies)")
                .param("old", java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(31))))
                .param("bodies", java.util.List.of(forged, genuine)).update();
        assertThat(notifications.forgetRejectedOlderThan(Duration.ofDays(30))).isGreaterThanOrEqualTo(1);
        assertThat(rejectedWithBody(forged)).isZero();
        assertThat(notifications.ofOrder(no)).extracting(Notifications.Received::verdict)
                .contains(Notifications.Verdict.APPLIED);
    }

    private int rejectedWithBody(String body) {
        return jdbc.sql("select count(*) from payment_notification where verdict = 'REJECTED' and body = :body")
                .param("body", body).query(Integer.class).single();
    }

    @Test
    void partial_refunds_are_settled_at_once_and_their_notifications_are_recognised() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 10_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 10_000);

        var refund = refunds.refund(no, 2_500, "部分退款 partial", "finance1");
        assertThat(refund).isInstanceOf(Refunds.Result.Done.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 7_500);
        String refundNo = ((Refunds.Result.Done) refund).refundNo();
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).stream()
                .anyMatch(n -> n.detail() != null && n.detail().contains(refundNo)));
        assertThat(refunds.refund(no, 66, "sandbox refusal", "finance1")).isInstanceOf(Refunds.Result.Failed.class);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(2_500);
        // what was held for the refused refund goes back to the wallet
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 7_500);
    }

    @Test
    void a_refund_the_channel_refused_stays_owed_until_finance_asks_again_or_returns_it_another_way() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 10_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 10_000);

        var refused = (Refunds.Result.Failed) refunds.refund(no, 1_066, "取消服务 cancelled", "finance1");
        PaymentOrders.Refund owed = refunds.of(no).getFirst();
        assertThat(owed.refusedByChannel()).isTrue();
        assertThat(owed.failure()).isNotBlank();
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo).contains(refused.refundNo());

        // asked again: a new refund of the same amount (refused again by the sandbox's .66), the old one followed up;
        // a second click finds it followed up already and asks nothing
        var again = (Refunds.Result.Failed) refunds.askAgain(refused.refundNo(), "finance2");
        assertThat(refunds.askAgain(refused.refundNo(), "finance2"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(refunds.of(no)).hasSize(2);
        assertThat(refunds.of(no).getLast().reason()).contains("Retry of " + refused.refundNo());
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo)
                .doesNotContain(refused.refundNo()).contains(again.refundNo());

        // returned by bank transfer: only with a readable note, and once; a second officer approves it, and it then
        // counts as returned (the purpose took its money back) without any channel being asked
        assertThat(refunds.returnedByHand(again.refundNo(), "  ", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.REASON_REQUIRED));
        for (String unreadable : List.of("bank\u202etransfer", "\u200b", "x".repeat(Refunds.BY_HAND_NOTE_MAX + 1))) {
            assertThat(refunds.returnedByHand(again.refundNo(), unreadable, "finance1"))
                    .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.REASON_INVALID));
        }
        var byHand = (Refunds.Result.AwaitingApproval) refunds.returnedByHand(again.refundNo(), "银行转账 BT-20261207-01",
                "finance1");
        assertThat(refunds.returnedByHand(again.refundNo(), "again", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo)
                .doesNotContain(again.refundNo());
        assertThat(orders.find(no).orElseThrow().refundedFen()).isZero();
        assertThat(refunds.approve(byHand.refundNo(), "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.SAME_PERSON));
        assertThat(refunds.approve(byHand.refundNo(), "finance2")).isEqualTo(new Refunds.Result.Done(byHand.refundNo()));
        assertThat(refunds.of(no).getLast()).satisfies(r -> {
            assertThat(r.byHand()).isTrue();
            assertThat(r.state()).isEqualTo(PaymentOrders.RefundState.SUCCEEDED);
            assertThat(r.reason()).contains("BT-20261207-01");
        });
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(1_066);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 10_000 - 1_066);
        // a channel's late word that a refund followed up already went through after all is not counted on top
        // (the notification desk raises it as a mismatch for finance)
        assertThat(book.markRefunded(again.refundNo(), null)).isInstanceOf(
                org.citycard.payment.internal.OrderBook.Transition.Refused.class);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(1_066);
        // a refund no channel refused cannot be "asked again"
        assertThat(refunds.askAgain("R-none", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.UNKNOWN_REFUND));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.payment.internal.OrderBook book;

    @Test
    void a_refused_refund_asked_again_and_rejected_by_the_second_officer_is_owed_again() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 100_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 100_000);
        var waiting = (Refunds.Result.AwaitingApproval) refunds.refund(no, 60_066, "整单取消 cancelled", "finance1");
        var refused = (Refunds.Result.Failed) refunds.approve(waiting.refundNo(), "finance2");

        var again = (Refunds.Result.AwaitingApproval) refunds.askAgain(refused.refundNo(), "finance1");
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo)
                .doesNotContain(refused.refundNo());
        assertThat(refunds.of(no).stream().filter(r -> r.refundNo().equals(refused.refundNo())).findFirst()
                .orElseThrow().followUp()).contains(again.refundNo());
        assertThat(refunds.reject(again.refundNo(), "finance2")).isInstanceOf(Refunds.Result.Rejected.class);
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo).contains(refused.refundNo());
        assertThat(orders.find(no).orElseThrow().refundedFen()).isZero();
        assertThat(refunds.of(no).stream().filter(r -> r.refundNo().equals(again.refundNo())).findFirst().orElseThrow()
                .decidedAt()).isNotNull();

        // returned by hand, approved, and then stopped by its purpose (the money spent in the same moment): owed again
        var byHand = (Refunds.Result.AwaitingApproval) refunds.returnedByHand(refused.refundNo(), "银行转账 BT-9",
                "finance1");
        assertThat(book.approveRefund(byHand.refundNo(), "finance2"))
                .isInstanceOf(org.citycard.payment.internal.OrderBook.Transition.Moved.class);
        book.markRefundFailed(byHand.refundNo(), "wallet.already-spent", false);
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo).contains(refused.refundNo());
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo)
                .doesNotContain(byHand.refundNo());
    }

    @Test
    void a_large_refund_waits_for_a_second_officer_and_four_approvals_at_once_return_the_money_once() throws Exception {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 100_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 100_000);

        var waiting = (Refunds.Result.AwaitingApproval) refunds.refund(no, 60_000, "重复充值，全额退回", "finance1");
        // waiting already counts: nothing more than the rest can be asked for meanwhile
        assertThat(refunds.refund(no, 40_001, "再退", "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.REFUND_TOO_LARGE));
        assertThat(refunds.approve(waiting.refundNo(), "finance1"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.SAME_PERSON));
        assertThat(fulfilled(citizen)).isEqualTo(100_000);

        var approvals = parallel(4, () -> refunds.approve(waiting.refundNo(), "finance2"));
        assertThat(approvals).filteredOn(r -> r instanceof Refunds.Result.Done).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 40_000);
        assertThat(orders.refund(waiting.refundNo()).orElseThrow().state()).isEqualTo(PaymentOrders.RefundState.SUCCEEDED);

        var rejected = (Refunds.Result.AwaitingApproval) refunds.refund(no, 30_000, "误操作", "finance2");
        assertThat(refunds.reject(rejected.refundNo(), "finance1")).isEqualTo(new Refunds.Result.Rejected(rejected.refundNo()));
        assertThat(refunds.approve(rejected.refundNo(), "admin"))
                .isEqualTo(new Refunds.Result.Refused(PaymentOrders.Problem.WRONG_STATE));
        Thread.sleep(300);
        assertThat(fulfilled(citizen)).isEqualTo(40_000);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(60_000);

        // splitting does not avoid four eyes: they count what the order returns in all (the test limit is ¥200)
        OrderNo second = order(citizen, 30_000);
        cashier.approve(token(citizen, second, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(second).orElseThrow().state() == OrderState.PAID);
        assertThat(refunds.refund(second, 15_000, "第一笔", "finance1")).isInstanceOf(Refunds.Result.Done.class);
        assertThat(refunds.refund(second, 10_000, "第二笔", "finance1")).isInstanceOf(Refunds.Result.AwaitingApproval.class);
    }

    @Test
    void an_answer_not_signed_by_alipay_is_not_believed() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 2_500);
        simulator.forgeAnswers = true;
        try {
            assertThat(checkout.pay(citizen, no, ChannelId.ALIPAY, Scene.WEB_QR))
                    .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_UNAVAILABLE));
        } finally {
            simulator.forgeAnswers = false;
        }
    }

    @Test
    void an_alipay_code_paid_after_switching_to_wechat_pay_is_returned_automatically_and_credits_nothing() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 4_400);
        String alipay = token(citizen, no, ChannelId.ALIPAY);
        // Alipay cannot close a code nobody has scanned: switching goes ahead, and the old code stays payable
        String wechat = token(citizen, no, ChannelId.WECHAT_PAY);
        assertThat(cashier.approve(wechat)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 4_400);

        // the citizen then scans the old Alipay code and pays it too
        assertThat(cashier.approve(alipay)).isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.ofOrder(no).stream()
                .anyMatch(n -> n.detail() != null && n.detail().contains("returned automatically")));
        janitor.sweep();
        await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(jdbc.sql(
                "select state from payment_stray where order_no = :no").param("no", no.value())
                .query(String.class).single()));
        String refundNo = jdbc.sql("select refund_no from payment_stray where order_no = :no").param("no", no.value())
                .query(String.class).single();

        // credited once, through WeChat Pay; the Alipay money went back, and the timeline says so
        assertThat(fulfilled(citizen)).isEqualTo(4_400);
        assertThat(orders.find(no).orElseThrow().channel()).isEqualTo(ChannelId.WECHAT_PAY);
        assertThat(orders.timeline(no)).anyMatch(t -> t.detail() != null && t.detail().contains("returned: " + refundNo));
        // the citizen's receipt shows the second payment going back
        assertThat(orders.returned(no)).containsExactly(new org.citycard.payment.PaymentOrders.Returned(
                ChannelId.ALIPAY, 4_400, refundNo, org.citycard.payment.PaymentOrders.RefundState.SUCCEEDED));
        // finance sees it among the alerts, with what was done
        assertThat(notifications.alerts(50)).anyMatch(n -> no.equals(n.order()) && n.detail().contains(refundNo));
        // a second payment notification from Alipay changes nothing more
        assertThat(receive(ChannelId.ALIPAY, Map.of("", simulator.notification(no.value(), "TRADE_SUCCESS", 4_400)))
                .body()).isEqualTo("success");
        assertThat(jdbc.sql("select count(*) from payment_stray where order_no = :no").param("no", no.value())
                .query(Integer.class).single()).isEqualTo(1);

        // Alipay's statement shows the payment and its refund: both ours, neither a difference
        java.time.LocalDate day = jdbc.sql("select statement_day from payment_order where order_no = :no")
                .param("no", no.value()).query(java.sql.Date.class).single().toLocalDate();
        assertThat(reconciliation.run(day).differences())
                .noneMatch(d -> no.value().equals(d.orderNo()) || refundNo.equals(d.refundNo()));
    }

    @Autowired
    org.citycard.payment.Reconciliation reconciliation;

    @Test
    void switching_from_wechat_pay_to_alipay_closes_the_wechat_prepay_first() {
        CitizenId citizen = citizen();
        OrderNo no = order(citizen, 3_000);
        String wechat = token(citizen, no, ChannelId.WECHAT_PAY);
        var alipay = checkout.pay(citizen, no, ChannelId.ALIPAY, Scene.WEB_QR);
        assertThat(alipay).isInstanceOf(Checkout.Result.Confirm.class);
        // the WeChat code can no longer be paid: one order is never paid twice
        assertThat(cashier.approve(wechat)).isEqualTo(SandboxCashier.Outcome.NOT_PENDING);
        assertThat(cashier.approve(cashier.forOrder(no.value()).orElseThrow().token()))
                .isEqualTo(SandboxCashier.Outcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> fulfilled(citizen) == 3_000);
        assertThat(orders.find(no).orElseThrow().channel()).isEqualTo(ChannelId.ALIPAY);
    }
}
