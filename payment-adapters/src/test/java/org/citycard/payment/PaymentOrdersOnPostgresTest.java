package org.citycard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CitizenId;
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

/** Orders and refunds on the real PostgreSQL: duplicates, races and out-of-order messages change nothing twice. */
@SpringBootTest(classes = PaymentTestApplication.class)
@RecordApplicationEvents
class PaymentOrdersOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    PaymentOrders orders;
    @Autowired
    ApplicationEvents events;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void needsPostgres() {
        RequiredServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    @Test
    void a_repeated_create_with_the_same_key_returns_the_first_order_and_a_changed_one_is_refused() {
        CitizenId citizen = CitizenId.random();
        var first = orders.create(citizen, topUp(citizen), 5_000, "钱包充值 50 元", "key-1");
        assertThat(first).isInstanceOf(PaymentOrders.Creation.Created.class);
        OrderNo no = ((PaymentOrders.Creation.Created) first).order().no();
        assertThat(no.value()).matches("CC\\d{24}");
        assertThat(orders.create(citizen, topUp(citizen), 5_000, "钱包充值 50 元", "key-1"))
                .isInstanceOfSatisfying(PaymentOrders.Creation.Existing.class, e -> assertThat(e.order().no()).isEqualTo(no));
        assertThat(orders.create(citizen, topUp(citizen), 9_000, "钱包充值 90 元", "key-1"))
                .isEqualTo(new PaymentOrders.Creation.Refused(PaymentOrders.Problem.KEY_REUSED));
        assertThat(orders.create(citizen, topUp(citizen), 0, "零元", "key-2"))
                .isEqualTo(new PaymentOrders.Creation.Refused(PaymentOrders.Problem.BAD_AMOUNT));
        assertThat(orders.find(CitizenId.random(), no)).isEmpty();
    }

    @Test
    void twenty_identical_paid_notifications_at_once_pay_the_order_once() throws Exception {
        OrderNo no = paying(10_000);
        List<PaymentOrders.Transition> results = parallel(20,
                () -> orders.markPaid(no, ChannelId.WECHAT_PAY, "4200001234", 10_000));
        assertThat(results).filteredOn(r -> r instanceof PaymentOrders.Transition.Moved).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof PaymentOrders.Transition.AlreadyThere).hasSize(19);
        assertThat(events.stream(PaymentSucceeded.class).filter(e -> e.order().equals(no))).hasSize(1);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
    }

    @Test
    void a_notification_with_another_amount_or_channel_changes_nothing() {
        OrderNo no = paying(10_000);
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "42", 1))
                .isEqualTo(new PaymentOrders.Transition.Refused(PaymentOrders.Problem.AMOUNT_MISMATCH));
        assertThat(orders.markPaid(no, ChannelId.ALIPAY, "2026", 10_000))
                .isEqualTo(new PaymentOrders.Transition.Refused(PaymentOrders.Problem.CHANNEL_MISMATCH));
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
    }

    @Test
    void expired_orders_close_and_a_payment_reported_after_closing_is_still_honoured() {
        CitizenId citizen = CitizenId.random();
        OrderNo unpaid = ((PaymentOrders.Creation.Created) orders.create(citizen, topUp(citizen), 3_000, "钱包充值", null))
                .order().no();
        OrderNo no = paying(3_000);
        Instant later = Instant.now().plus(PaymentOrders.DEFAULT_EXPIRY).plusSeconds(1);
        assertThat(orders.closeExpired(later)).isGreaterThanOrEqualTo(1);
        assertThat(orders.find(unpaid).orElseThrow().state()).isEqualTo(OrderState.CLOSED);
        // an order at a channel is closed only after the channel closed it (the janitor's work)
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(orders.stuckPaying(later, java.time.Duration.ofMinutes(2), 1000)).extracting(PaymentOrder::no).contains(no);
        assertThat(orders.close(no, "expired")).isInstanceOf(PaymentOrders.Transition.Moved.class);
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "late", 3_000)).isInstanceOf(PaymentOrders.Transition.Moved.class);
        assertThat(orders.markFailed(no, "too late")).isEqualTo(new PaymentOrders.Transition.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(jdbc.sql("select count(*) from payment_transition where order_no = :no").param("no", no.value())
                .query(Integer.class).single()).isEqualTo(4); // created, paying, closed, paid
    }

    @Test
    void a_failure_counts_only_for_the_channel_the_order_is_still_with_and_a_later_payment_is_still_honoured() {
        OrderNo no = paying(2_000);
        // the citizen switched to WeChat Pay; a late failure from Alipay must not fail the order
        assertThat(orders.markFailed(no, ChannelId.ALIPAY, "ALIPAY: TRADE_CLOSED"))
                .isEqualTo(new PaymentOrders.Transition.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(orders.markFailed(no, ChannelId.WECHAT_PAY, "WECHAT_PAY: PAYERROR"))
                .isInstanceOf(PaymentOrders.Transition.Moved.class);
        // money the channel took after all is the citizen's payment
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "4200000000000000000000000001", 2_000))
                .isInstanceOf(PaymentOrders.Transition.Moved.class);
        assertThat(events.stream(PaymentSucceeded.class).filter(e -> e.order().equals(no))).hasSize(1);
    }

    @Test
    void partial_refunds_in_parallel_never_add_up_to_more_than_was_paid() throws Exception {
        OrderNo no = paying(10_000);
        orders.markPaid(no, ChannelId.WECHAT_PAY, "4200009999", 10_000);
        List<PaymentOrders.RefundRequest> requests = parallel(10, () -> orders.requestRefund(no, 3_000, "部分退款", "finance1"));
        List<String> accepted = requests.stream().filter(r -> r instanceof PaymentOrders.RefundRequest.Requested)
                .map(r -> ((PaymentOrders.RefundRequest.Requested) r).refundNo()).toList();
        assertThat(accepted).hasSize(3);
        for (String refund : accepted) {
            assertThat(orders.markRefunded(refund)).isInstanceOf(PaymentOrders.Transition.Moved.class);
            assertThat(orders.markRefunded(refund)).isInstanceOf(PaymentOrders.Transition.AlreadyThere.class);
        }
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(9_000);
        assertThat(orders.requestRefund(no, 1_001, "再退", "finance1"))
                .isEqualTo(new PaymentOrders.RefundRequest.Refused(PaymentOrders.Problem.REFUND_TOO_LARGE));
        assertThat(events.stream(RefundSucceeded.class).filter(e -> e.order().equals(no))).hasSize(3);
    }

    @Test
    void a_paid_top_up_credits_the_wallet_once_even_when_the_event_comes_again() throws Exception {
        CitizenId citizen = CitizenId.random();
        ledger.open(org.citycard.card.Wallets.accountOf(citizen), org.citycard.card.ledger.AccountKind.WALLET, null);
        var created = (PaymentOrders.Creation.Created) orders.create(citizen, topUp(citizen), 5_000, "钱包充值 50 元", null);
        OrderNo no = created.order().no();
        orders.startPaying(no, ChannelId.ALIPAY, Scene.ALIPAY_MINI_PROGRAM);
        orders.markPaid(no, ChannelId.ALIPAY, "2026112122001", 5_000);
        awaitBalance(citizen, 5_000);
        // the registry redelivers (a crash before completion, a second node): the ledger key keeps it single
        transactions.executeWithoutResult(status -> publisher.publishEvent(
                new PaymentSucceeded(no, citizen, topUp(citizen), 5_000, ChannelId.ALIPAY)));
        Thread.sleep(500);
        awaitBalance(citizen, 5_000);
        long open = 0;
        for (int i = 0; i < 50; i++) {
            open = jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
            if (open == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(open).isZero();
    }

    @Autowired
    org.citycard.card.ledger.Ledger ledger;
    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    private org.springframework.transaction.support.TransactionTemplate transactions;

    @org.junit.jupiter.api.BeforeEach
    void transactions() {
        transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    }

    private void awaitBalance(CitizenId citizen, long fen) throws InterruptedException {
        long balance = -1;
        for (int i = 0; i < 50 && balance != fen; i++) {
            balance = ledger.balance(org.citycard.card.Wallets.accountOf(citizen)).orElse(-1);
            if (balance != fen) {
                Thread.sleep(100);
            }
        }
        assertThat(balance).isEqualTo(fen);
    }

    @Test
    void the_wallet_pays_an_order_at_once_once_and_never_tops_itself_up() {
        CitizenId citizen = CitizenId.random();
        String wallet = org.citycard.card.Wallets.accountOf(citizen);
        ledger.open(wallet, org.citycard.card.ledger.AccountKind.WALLET, null);
        ledger.open("clearing:TEST", org.citycard.card.ledger.AccountKind.CLEARING, null);
        ledger.post(org.citycard.card.ledger.Posting.transfer("fund-" + citizen, "top-up", "clearing:TEST", wallet, 5_000));

        var parking = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "lot-7"), 1_200,
                "停车费 2 小时", null);
        OrderNo no = parking.order().no();
        assertThat(checkout.pay(CitizenId.random(), no, ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.UNKNOWN_ORDER));
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WEB_QR))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.SCENE_NOT_SUPPORTED));
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WALLET)).isInstanceOf(Checkout.Result.Paid.class);
        assertThat(checkout.pay(citizen, no, ChannelId.WALLET, Scene.WALLET)).isInstanceOf(Checkout.Result.Paid.class);
        assertThat(ledger.balance(wallet)).hasValue(3_800);

        var big = (PaymentOrders.Creation.Created) orders.create(citizen, new Purpose("PARKING", "lot-7"), 9_000,
                "停车费 月卡", null);
        assertThat(checkout.pay(citizen, big.order().no(), ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.INSUFFICIENT_FUNDS));
        assertThat(orders.find(big.order().no()).orElseThrow().state().open()).isTrue();

        var topUp = (PaymentOrders.Creation.Created) orders.create(citizen, topUp(citizen), 1_000, "钱包充值", null);
        assertThat(checkout.pay(citizen, topUp.order().no(), ChannelId.WALLET, Scene.WALLET))
                .isEqualTo(new Checkout.Result.Refused(Checkout.Reason.DECLINED));
        assertThat(ledger.balance(wallet)).hasValue(3_800);
    }

    @Autowired
    Checkout checkout;

    @Test
    void an_unpaid_order_cannot_be_refunded() {
        OrderNo no = paying(1_000);
        assertThat(orders.requestRefund(no, 100, "退款", "finance1"))
                .isEqualTo(new PaymentOrders.RefundRequest.Refused(PaymentOrders.Problem.NOT_PAID));
    }

    private OrderNo paying(long fen) {
        CitizenId citizen = CitizenId.random();
        var created = (PaymentOrders.Creation.Created) orders.create(citizen, topUp(citizen), fen, "钱包充值", null);
        OrderNo no = created.order().no();
        assertThat(orders.startPaying(no, ChannelId.WECHAT_PAY, Scene.WECHAT_MINI_PROGRAM))
                .isInstanceOf(PaymentOrders.Transition.Moved.class);
        return no;
    }

    private static Purpose topUp(CitizenId citizen) {
        return new Purpose(Purpose.WALLET_TOP_UP, citizen.toString());
    }

    private static <T> List<T> parallel(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(call));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }
}
