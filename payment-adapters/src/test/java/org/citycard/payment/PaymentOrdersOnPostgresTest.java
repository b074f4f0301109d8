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
import org.citycard.payment.internal.OrderBook;
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
    OrderBook orders;
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
        assertThat(orders.create(citizen, topUp(citizen), PaymentOrders.MAX_AMOUNT_FEN + 1, "太多", "key-3"))
                .isEqualTo(new PaymentOrders.Creation.Refused(PaymentOrders.Problem.BAD_AMOUNT));
        // a purpose's prefix and a client's 64-character key: longer than the column, still one order per key
        String longKey = "vaccination:" + java.util.UUID.randomUUID() + ":" + "k".repeat(64);
        var again = orders.create(citizen, topUp(citizen), 3_000, "钱包充值 30 元", longKey);
        assertThat(again).isInstanceOf(PaymentOrders.Creation.Created.class);
        assertThat(orders.create(citizen, topUp(citizen), 3_000, "钱包充值 30 元", longKey))
                .isInstanceOfSatisfying(PaymentOrders.Creation.Existing.class, e -> assertThat(e.order().no())
                        .isEqualTo(((PaymentOrders.Creation.Created) again).order().no()));
        assertThat(orders.create(citizen, topUp(citizen), 3_000, "钱包充值 30 元", longKey + "x"))
                .isInstanceOf(PaymentOrders.Creation.Created.class);
    }

    @Test
    void twenty_identical_paid_notifications_at_once_pay_the_order_once() throws Exception {
        OrderNo no = paying(10_000);
        List<OrderBook.Transition> results = parallel(20,
                () -> orders.markPaid(no, ChannelId.WECHAT_PAY, "4200001234", 10_000));
        assertThat(results).filteredOn(r -> r instanceof OrderBook.Transition.Moved).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof OrderBook.Transition.AlreadyThere).hasSize(19);
        assertThat(events.stream(PaymentSucceeded.class).filter(e -> e.order().equals(no))).hasSize(1);
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAID);
    }

    @Test
    void a_notification_with_another_amount_or_channel_changes_nothing() {
        OrderNo no = paying(10_000);
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "42", 1))
                .isEqualTo(new OrderBook.Transition.Refused(PaymentOrders.Problem.AMOUNT_MISMATCH));
        assertThat(orders.markPaid(no, ChannelId.ALIPAY, "2026", 10_000))
                .isEqualTo(new OrderBook.Transition.Refused(PaymentOrders.Problem.CHANNEL_MISMATCH));
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
        assertThat(orders.close(no, "expired")).isInstanceOf(OrderBook.Transition.Moved.class);
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "late", 3_000)).isInstanceOf(OrderBook.Transition.Moved.class);
        assertThat(orders.markFailed(no, "too late")).isEqualTo(new OrderBook.Transition.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(jdbc.sql("select count(*) from payment_transition where order_no = :no").param("no", no.value())
                .query(Integer.class).single()).isEqualTo(4); // created, paying, closed, paid
        // the purposes hear of each order that ended unpaid, once, and then of the late payment
        assertThat(orders.close(no, "again")).isInstanceOf(OrderBook.Transition.Refused.class);
        assertThat(events.stream(PaymentEnded.class).filter(e -> e.order().equals(unpaid)))
                .extracting(PaymentEnded::state, PaymentEnded::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(OrderState.CLOSED, "expired"));
        assertThat(events.stream(PaymentEnded.class).filter(e -> e.order().equals(no))).hasSize(1);
        assertThat(events.stream(PaymentSucceeded.class).filter(e -> e.order().equals(no))).hasSize(1);
    }

    @Test
    void a_failure_counts_only_for_the_channel_the_order_is_still_with_and_a_later_payment_is_still_honoured() {
        OrderNo no = paying(2_000);
        // the citizen switched to WeChat Pay; a late failure from Alipay must not fail the order
        assertThat(orders.markFailed(no, ChannelId.ALIPAY, "ALIPAY: TRADE_CLOSED"))
                .isEqualTo(new OrderBook.Transition.Refused(PaymentOrders.Problem.WRONG_STATE));
        assertThat(orders.find(no).orElseThrow().state()).isEqualTo(OrderState.PAYING);
        assertThat(orders.markFailed(no, ChannelId.WECHAT_PAY, "WECHAT_PAY: PAYERROR"))
                .isInstanceOf(OrderBook.Transition.Moved.class);
        // money the channel took after all is the citizen's payment
        assertThat(orders.markPaid(no, ChannelId.WECHAT_PAY, "4200000000000000000000000001", 2_000))
                .isInstanceOf(OrderBook.Transition.Moved.class);
        assertThat(events.stream(PaymentSucceeded.class).filter(e -> e.order().equals(no))).hasSize(1);
        assertThat(events.stream(PaymentEnded.class).filter(e -> e.order().equals(no)))
                .extracting(PaymentEnded::state).containsExactly(OrderState.FAILED);
    }

    @Test
    void partial_refunds_in_parallel_never_add_up_to_more_than_was_paid() throws Exception {
        OrderNo no = paying(10_000);
        orders.markPaid(no, ChannelId.WECHAT_PAY, "4200009999", 10_000);
        List<OrderBook.RefundRequest> requests = parallel(10, () -> orders.requestRefund(no, 3_000, "部分退款", "finance1"));
        List<String> accepted = requests.stream().filter(r -> r instanceof OrderBook.RefundRequest.Requested)
                .map(r -> ((OrderBook.RefundRequest.Requested) r).refundNo()).toList();
        assertThat(accepted).hasSize(3);
        for (String refund : accepted) {
            assertThat(orders.markRefunded(refund)).isInstanceOf(OrderBook.Transition.Moved.class);
            assertThat(orders.markRefunded(refund)).isInstanceOf(OrderBook.Transition.AlreadyThere.class);
        }
        assertThat(orders.find(no).orElseThrow().refundedFen()).isEqualTo(9_000);
        assertThat(orders.requestRefund(no, 1_001, "再退", "finance1"))
                .isEqualTo(new OrderBook.RefundRequest.Refused(PaymentOrders.Problem.REFUND_TOO_LARGE));
        assertThat(events.stream(RefundSucceeded.class).filter(e -> e.order().equals(no))).hasSize(3);
    }

    @Test
    void an_unpaid_order_cannot_be_refunded() {
        OrderNo no = paying(1_000);
        assertThat(orders.requestRefund(no, 100, "退款", "finance1"))
                .isEqualTo(new OrderBook.RefundRequest.Refused(PaymentOrders.Problem.NOT_PAID));
    }

    private OrderNo paying(long fen) {
        CitizenId citizen = CitizenId.random();
        var created = (PaymentOrders.Creation.Created) orders.create(citizen, topUp(citizen), fen, "钱包充值", null);
        OrderNo no = created.order().no();
        assertThat(orders.startPaying(no, ChannelId.WECHAT_PAY, Scene.WECHAT_MINI_PROGRAM))
                .isInstanceOf(OrderBook.Transition.Moved.class);
        return no;
    }

    private static Purpose topUp(CitizenId citizen) {
        return TestPurpose.of(citizen);
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
