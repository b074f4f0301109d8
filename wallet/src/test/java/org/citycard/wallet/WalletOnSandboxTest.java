package org.citycard.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.StatementLine;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.citycard.sandbox.payment.SandboxOnPostgres;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wallet as a purpose plugged into payments, end to end on the sandbox channels and PostgreSQL: top-ups are
 * credited once whatever arrives twice, their refunds take the money out while on the way, and the wallet pays
 * other services' orders as a channel of its own.
 */
@SpringBootTest(classes = WalletTestApplication.class, properties = {
        "citycard.sandbox.mode=in-process", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.sandbox.duplicate-after=PT0.3S",
        "citycard.payment.refund-four-eyes-above-fen=20000"})
class WalletOnSandboxTest extends SandboxOnPostgres {

    @Autowired
    TopUps topUps;
    @Autowired
    Ledger ledger;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactionManager;

    private CitizenId withWallet(Long dailyLimitFen) {
        CitizenId citizen = citizen();
        ledger.open(Wallets.accountOf(citizen), AccountKind.WALLET, dailyLimitFen);
        return citizen;
    }

    private OrderNo topUp(CitizenId citizen, long fen) {
        return ((TopUps.Result.Created) topUps.start(citizen, fen, null)).order().no();
    }

    private long balance(CitizenId citizen) {
        return ledger.balance(Wallets.accountOf(citizen)).orElse(-1);
    }

    @Test
    void the_rules_are_the_wallets_own_and_a_repeated_request_is_the_same_order() {
        CitizenId citizen = withWallet(null);
        TopUps.Rules rules = topUps.rules();
        assertThat(rules.minFen()).isEqualTo(100);
        assertThat(rules.maxFen()).isEqualTo(200_000);
        assertThat(topUps.start(citizen, 99, null)).isEqualTo(new TopUps.Result.Refused(TopUps.Problem.AMOUNT_OUT_OF_RANGE));
        assertThat(topUps.start(citizen, 200_001, null)).isEqualTo(new TopUps.Result.Refused(TopUps.Problem.AMOUNT_OUT_OF_RANGE));
        assertThat(topUps.start(citizen(), 5_000, null)).isEqualTo(new TopUps.Result.Refused(TopUps.Problem.NO_WALLET));

        var first = (TopUps.Result.Created) topUps.start(citizen, 5_000, "key-1");
        assertThat(first.order().purpose()).isEqualTo(new Purpose(TopUps.PURPOSE, citizen.toString()));
        assertThat(first.order().subject()).isEqualTo("钱包充值 ¥50.00");
        assertThat(topUps.start(citizen, 5_000, "key-1")).isEqualTo(new TopUps.Result.Existing(first.order()));
        assertThat(topUps.start(citizen, 6_000, "key-1")).isEqualTo(new TopUps.Result.Refused(TopUps.Problem.KEY_REUSED));
    }

    @Test
    void a_top_up_is_credited_once_though_notified_twice_and_its_event_delivered_again() {
        CitizenId citizen = withWallet(null);
        OrderNo no = topUp(citizen, 5_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 5_000);
        // the registry redelivers (a crash before completion, a second node): the ledger key keeps it single
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> publisher.publishEvent(
                new PaymentSucceeded(no, citizen, new Purpose(TopUps.PURPOSE, citizen.toString()), 5_000, ChannelId.ALIPAY)));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
        assertThat(balance(citizen)).isEqualTo(5_000);
    }

    @Test
    void the_wallet_pays_another_services_order_at_once_once_and_never_tops_itself_up() {
        CitizenId citizen = withWallet(null);
        ledger.open("clearing:TEST", AccountKind.CLEARING, null);
        ledger.post(Posting.transfer("fund-" + citizen, "top-up", "clearing:TEST", Wallets.accountOf(citizen), 5_000));

        var parking = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "lot-7"), 1_200,
                "停车费 2 小时", null);
        OrderNo no = parking.order().no();
        assertThat(checkout.channels(Scene.WALLET)).containsExactly(ChannelId.WALLET);
        assertThat(checkout.pay(CitizenId.random(), no, ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.UNKNOWN_ORDER));
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WEB_QR))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.SCENE_NOT_SUPPORTED));
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WALLET)).isInstanceOf(Checkout.Result.Paid.class);
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WALLET)).isInstanceOf(Checkout.Result.Paid.class);
        assertThat(balance(citizen)).isEqualTo(3_800);
        assertThat(purpose.fulfilled(citizen)).isZero(); // PARKING is nobody's purpose in this test

        var big = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "lot-7"), 9_000,
                "停车费 月卡", null);
        assertThat(checkout.pay(citizen, big.order().no(), ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.INSUFFICIENT_FUNDS));
        assertThat(orders.find(big.order().no()).orElseThrow().state().open()).isTrue();

        OrderNo own = topUp(citizen, 1_000);
        assertThat(checkout.pay(citizen, own, ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.CHANNEL_NOT_FOR_ORDER));
        assertThat(balance(citizen)).isEqualTo(3_800);
    }

    @Test
    void a_payment_over_the_wallets_daily_limit_is_refused_as_such_and_nothing_is_taken() {
        CitizenId citizen = withWallet(2_000L);
        ledger.open("clearing:TEST", AccountKind.CLEARING, null);
        ledger.post(Posting.transfer("fund-" + citizen, "top-up", "clearing:TEST", Wallets.accountOf(citizen), 5_000));
        var first = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "day-1"), 1_500,
                "停车费", null);
        assertThat(checkout.pay(citizen, first.order().no(), ChannelId.WALLET, Scene.WALLET))
                .isInstanceOf(Checkout.Result.Paid.class);
        var second = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "day-2"), 1_000,
                "停车费", null);
        assertThat(checkout.pay(citizen, second.order().no(), ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.DAILY_LIMIT_EXCEEDED));
        assertThat(balance(citizen)).isEqualTo(3_500);
        assertThat(orders.find(second.order().no()).orElseThrow().state().open()).isTrue();
    }

    @Test
    void a_refused_top_up_refund_whose_money_was_then_spent_is_no_longer_owed_and_can_only_be_closed() {
        CitizenId citizen = withWallet(null);
        OrderNo no = topUp(citizen, 10_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 10_000);
        var refused = (Refunds.Result.Failed) refunds.refund(no, 1_066, "多充 topped up too much", "finance1");
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 10_000); // the hold came back
        assertThat(refunds.noLongerOwed(refused.refundNo())).isEmpty();
        assertThat(refunds.closeNoLongerOwed(refused.refundNo(), "finance1")).isFalse();

        // the citizen spends it: a refund by hand would take money the wallet no longer has, so it is refused, and
        // the refund can only be closed, with the purpose's reason
        ledger.open("merchant:BUS", AccountKind.MERCHANT, null);
        ledger.post(Posting.transfer("ride-" + no.value(), "公交", Wallets.accountOf(citizen), "merchant:BUS", 9_500));
        assertThat(refunds.returnedByHand(refused.refundNo(), "银行转账", "finance1"))
                .isEqualTo(new Refunds.Result.NotAllowed("wallet.already-spent"));
        assertThat(refunds.noLongerOwed(refused.refundNo())).hasValue("wallet.already-spent");
        assertThat(refunds.closeNoLongerOwed(refused.refundNo(), "finance1")).isTrue();
        assertThat(refunds.refusedByChannel(500)).extracting(PaymentOrders.Refund::refundNo)
                .doesNotContain(refused.refundNo());
        assertThat(refunds.of(no).getFirst().followUp()).contains("wallet.already-spent");
        assertThat(balance(citizen)).isEqualTo(500);
    }

    @Test
    void a_top_up_already_spent_from_the_wallet_cannot_be_refunded() {
        CitizenId citizen = withWallet(null);
        OrderNo no = topUp(citizen, 5_000);
        cashier.approve(token(citizen, no, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 5_000);
        ledger.open("merchant:BUS", AccountKind.MERCHANT, null);
        ledger.post(Posting.transfer("ride-" + no.value(), "公交", Wallets.accountOf(citizen), "merchant:BUS", 3_000));

        assertThat(refunds.refund(no, 5_000, "全额退款", "finance1"))
                .isEqualTo(new Refunds.Result.NotAllowed("wallet.already-spent"));
        // a large refund waiting for approval already has its claim on the balance
        OrderNo second = topUp(citizen, 30_000);
        cashier.approve(token(citizen, second, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 32_000);
        assertThat(refunds.refund(second, 30_000, "全额退款", "finance1")).isInstanceOf(Refunds.Result.AwaitingApproval.class);
        assertThat(refunds.refund(no, 2_001, "退回未用余额", "finance1"))
                .isEqualTo(new Refunds.Result.NotAllowed("wallet.already-spent"));
        assertThat(refunds.refund(no, 2_000, "退回未用余额", "finance1")).isInstanceOf(Refunds.Result.Done.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 30_000);
    }

    @Test
    void refunds_taken_back_from_the_wallet_are_not_spending_under_its_daily_limit() {
        CitizenId citizen = withWallet(200_000L);
        OrderNo first = topUp(citizen, 150_000);
        OrderNo second = topUp(citizen, 150_000);
        cashier.approve(token(citizen, first, ChannelId.ALIPAY));
        cashier.approve(token(citizen, second, ChannelId.ALIPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 300_000);
        for (OrderNo order : List.of(first, second)) {
            var waiting = (Refunds.Result.AwaitingApproval) refunds.refund(order, 150_000, "重复充值", "finance1");
            assertThat(refunds.approve(waiting.refundNo(), "finance2")).isInstanceOf(Refunds.Result.Done.class);
        }
        // 300,000 fen taken back in one day from a wallet that may spend 200,000 a day
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 0);
    }

    @Test
    void a_refunds_money_is_held_while_on_the_way_and_given_back_when_the_channel_refuses() {
        CitizenId citizen = withWallet(null);
        OrderNo no = topUp(citizen, 10_000);
        cashier.approve(token(citizen, no, ChannelId.UNIONPAY));
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 10_000);

        var refund = (Refunds.Result.Pending) refunds.refund(no, 4_000, "部分退款 partial", "finance1");
        await().atMost(Duration.ofSeconds(10)).until(() -> state(no, refund.refundNo()) == PaymentOrders.RefundState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 6_000);
        var refused = (Refunds.Result.Pending) refunds.refund(no, 166, "sandbox refusal", "finance1");
        await().atMost(Duration.ofSeconds(10)).until(() -> state(no, refused.refundNo()) == PaymentOrders.RefundState.FAILED);
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(4_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(citizen) == 6_000);

        // the citizen's statement: each refund's money left the wallet when it was asked for, not when UnionPay
        // answered, so it could not be spent meanwhile; the refused one came back, and nothing is left held
        assertThat(ledger.statement(Wallets.accountOf(citizen), null, 10))
                .extracting(StatementLine::description, StatementLine::amountFen)
                .containsExactly(
                        Tuple.tuple("退款未成功，退回 Refund did not go through " + refused.refundNo(), 166L),
                        Tuple.tuple("退款暂扣 Refund on its way " + refused.refundNo(), -166L),
                        Tuple.tuple("退款暂扣 Refund on its way " + refund.refundNo(), -4_000L),
                        Tuple.tuple("钱包充值 Top-up " + no.value(), 10_000L));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ledger.balance("refund-hold:" + refund.refundNo()).orElse(-1) == 0
                        && ledger.balance("refund-hold:" + refused.refundNo()).orElse(-1) == 0);
    }

    private PaymentOrders.RefundState state(OrderNo order, String refundNo) {
        return refunds.of(order).stream().filter(r -> r.refundNo().equals(refundNo)).findFirst().orElseThrow().state();
    }
}
