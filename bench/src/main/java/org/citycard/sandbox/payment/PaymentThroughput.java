package org.citycard.sandbox.payment;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Purpose;
import org.citycard.payment.Reconciliation;
import org.citycard.payment.Scene;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Payments on the real PostgreSQL (127.0.0.1:5432, database test, a throw-away schema) and the in-process WeChat
 * Pay, Alipay and UnionPay sandboxes, in rounds per channel: {@code orders} top-ups are prepaid through WxJava (signed HTTPS,
 * the answer's signature verified), the Alipay SDK (RSA2 both ways) or our ACP client (certificate chain checked), then every order's signed payment
 * notification (encrypted, for WeChat Pay) is delivered twice, in
 * shuffled order, from {@code threads} threads (half of all deliveries are duplicates). Prints prepays per second,
 * verified notifications applied per second, and checks that every wallet was credited exactly once. Each payment
 * is also approved at the sandbox cashier (amounts end in .77, so the sandbox sends no notification of its own),
 * so the channels' statements carry it; at the end the day is reconciled once, timed, against every channel's
 * statement in its own format (WeChat Pay's bill, Alipay's zip, UnionPay's ZM file).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.citycard.sandbox.payment.PaymentThroughput</pre>
 */
@SpringBootApplication(scanBasePackages = {"org.citycard.payment", "org.citycard.card", "org.citycard.wallet"})
public class PaymentThroughput {

    private static final String URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("orders", 2_000);
        int threads = Integer.getInteger("threads", 8);
        int rounds = Integer.getInteger("rounds", 3);
        String schema = "bench_pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        var keys = Files.createTempDirectory("bench-card-keys").resolve("card-keys.properties");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentThroughput.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url", URL + "?currentSchema=" + schema,
                        "spring.datasource.username", "postgres",
                        "spring.datasource.hikari.maximum-pool-size", "16",
                        "spring.flyway.schemas", schema,
                        "spring.flyway.locations", "classpath:db/migration",
                        "citycard.sandbox.mode", "in-process",
                        "citycard.payment.janitor-initial-delay", "PT1H",
                        // nobody listens there: the sandbox's own deliveries fail quietly; we deliver ourselves
                        "citycard.payment.notify-base-url", "http://127.0.0.1:9",
                        "citycard.card.keys.development-keys", "true",
                        "citycard.card.keys.development-file", keys.toString()))
                .properties("logging.level.root=WARN", "logging.level.com.github.binarywang.wxpay=OFF")
                .run(args)) {
            for (int round = 1; round <= rounds; round++) {
                for (ChannelId channel : List.of(ChannelId.WECHAT_PAY, ChannelId.ALIPAY, ChannelId.UNIONPAY)) {
                    round(context, channel, round, orders, threads);
                }
            }
            reconcile(context);
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
            Files.deleteIfExists(keys);
        }
    }

    private record Order(CitizenId citizen, OrderNo no, long fen) {
    }

    private static void round(ConfigurableApplicationContext context, ChannelId channel, int round, int count,
                              int threads) throws Exception {
        PaymentOrders orders = context.getBean(PaymentOrders.class);
        Checkout checkout = context.getBean(Checkout.class);
        Notifications notifications = context.getBean(Notifications.class);
        org.citycard.sandbox.Sandbox sandbox = context.getBean(org.citycard.sandbox.Sandbox.class);
        WeChatPaySimulator weChatPay = sandbox.payments().weChatPay();
        AlipaySimulator alipay = sandbox.payments().alipay();
        UnionPaySimulator unionPay = sandbox.payments().unionPay();
        Ledger ledger = context.getBean(Ledger.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);

        List<Order> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CitizenId citizen = CitizenId.random();
            ledger.open(Wallets.accountOf(citizen), AccountKind.WALLET, null);
            // .77: paid at the cashier without a notification of the sandbox's own; this harness delivers them
            long fen = 1_077 + (i % 50) * 100;
            var order = (PaymentOrders.Creation.Created) orders.create(citizen,
                    new Purpose(org.citycard.wallet.TopUps.PURPOSE, citizen.toString()), fen, "钱包充值", null);
            created.add(new Order(citizen, order.order().no(), fen));
        }

        AtomicInteger ready = new AtomicInteger();
        long prepayStart = System.nanoTime();
        parallel(threads, created, order -> {
            if (checkout.pay(order.citizen(), order.no(), channel, Scene.WEB_QR)
                    instanceof Checkout.Result.Confirm) {
                ready.incrementAndGet();
            }
        });
        double prepaySeconds = (System.nanoTime() - prepayStart) / 1e9;
        SandboxCashier cashier = sandbox.cashier();
        parallel(threads, created, order -> cashier.forOrder(order.no().value())
                .ifPresent(pending -> cashier.approve(pending.token())));

        List<Map<String, String>> deliveries = new ArrayList<>();
        for (Order order : created) {
            Map<String, String> notification = switch (channel) {
                case WECHAT_PAY -> weChatPay.paymentNotification(order.no().value(), order.fen());
                case ALIPAY -> Map.of("", alipay.notification(order.no().value(), "TRADE_SUCCESS", order.fen()));
                default -> Map.of("", unionPay.notification(order.no().value(), order.fen()));
            };
            deliveries.add(notification);
            deliveries.add(notification);
        }
        Collections.shuffle(deliveries);
        AtomicInteger acknowledged = new AtomicInteger();
        long applyStart = System.nanoTime();
        parallel(threads, deliveries, parts -> {
            Map<String, String> headers = new LinkedHashMap<>();
            parts.forEach((k, v) -> {
                if (!k.isEmpty()) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
            PaymentChannel.Reply reply = notifications.receive(channel, new PaymentChannel.Inbound(headers, parts.get("")));
            if (reply.status() / 100 == 2 && !reply.body().equals("fail")) {
                acknowledged.incrementAndGet();
            }
        });
        double applySeconds = (System.nanoTime() - applyStart) / 1e9;

        // the wallet credits follow the payment events (asynchronously, after commit): wait for them, then count
        long expected = created.stream().mapToLong(Order::fen).sum();
        long deadline = System.currentTimeMillis() + 120_000;
        long credited;
        do {
            Thread.sleep(200);
            credited = created.stream().mapToLong(o -> ledger.balance(Wallets.accountOf(o.citizen())).orElse(0)).sum();
        } while (credited < expected && System.currentTimeMillis() < deadline);
        long wrong = created.stream().filter(o -> ledger.balance(Wallets.accountOf(o.citizen())).orElse(0) != o.fen())
                .count();
        int applied = jdbc.sql("select count(*) from payment_notification where verdict = 'APPLIED' and order_no in "
                + "(select order_no from payment_order where state = 'PAID')").query(Integer.class).single();
        System.out.printf(Locale.ROOT, "round %d %s: %d prepays in %.2f s = %.0f/s (%d ready); %d notifications (50%% "
                        + "duplicates) in %.2f s = %.0f/s, %d acknowledged; wallets credited %d of %d fen, %d wallets "
                        + "wrong; applied verdicts so far %d%n", round, channel, count, prepaySeconds, count / prepaySeconds,
                ready.get(), deliveries.size(), applySeconds, deliveries.size() / applySeconds, acknowledged.get(),
                credited, expected, wrong, applied);
    }

    /** Reconciles today (China time) once and prints how long it took and what it found, per channel. */
    private static void reconcile(ConfigurableApplicationContext context) {
        Reconciliation reconciliation = context.getBean(Reconciliation.class);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        long start = System.nanoTime();
        Reconciliation.Report report = reconciliation.run(today);
        double seconds = (System.nanoTime() - start) / 1e9;
        int lines = report.summaries().stream().mapToInt(s -> s.payments() + s.refunds()).sum();
        System.out.printf(Locale.ROOT, "reconciliation of %s: %d statement lines in %.2f s = %.0f lines/s, %d differences%n",
                today, lines, seconds, lines / seconds, report.differences().size());
        report.summaries().forEach(s -> System.out.printf(Locale.ROOT,
                "  %s: %d payments (%d fen), %d refunds, fees %d fen, net %d fen, %d matched, %d differences%s%n",
                s.channel(), s.payments(), s.paidFen(), s.refunds(), s.feeFen(), s.netFen(), s.matched(),
                s.differences(), s.error() == null ? "" : ", error: " + s.error()));
    }

    private static <T> void parallel(int threads, List<T> items, java.util.function.Consumer<T> work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        work.accept(items.get(i));
                    }
                    return null;
                });
            }
        }
    }
}
