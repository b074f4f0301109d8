package org.citycard.bills.internal;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.citycard.bills.BillAccounts;
import org.citycard.bills.BillPayments;
import org.citycard.bills.BoundAccount;
import org.citycard.bills.connector.BillerConnector;
import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.kernel.ChinaTime;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Purpose;
import org.citycard.payment.Scene;
import org.citycard.sandbox.Sandbox;
import org.citycard.sandbox.biller.BillerSandbox;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bill payment's money path on the real PostgreSQL (127.0.0.1:5432, database test, a throw-away schema), the
 * in-process WeChat Pay sandbox and the sandbox's billers, reached through the real connector (SHA256withRSA both
 * ways), in one run:
 * <ol>
 * <li>{@code flows} wallet top-ups, each created, prepaid through WxJava, approved at the sandbox cashier and its
 * signed payment notification delivered twice (the second copy by another thread, later: half of all deliveries
 * are duplicates), until every wallet is credited;</li>
 * <li>{@code flows} bill payments the same way (phone carriers, any amount) until every one is written off at the
 * biller; 5% of the accounts end in 9904, whose biller takes the write-off and then keeps the caller waiting past
 * its timeout (the injected timeouts: retried with the same merchant order number);</li>
 * <li>the billers' daily files for today, then: write-offs at the biller per payment (0 double), payments not
 * resolved (0);</li>
 * <li>{@code lines} write-offs taken through the connector for the electricity biller, our side of each written
 * to the database in bulk, and that biller's daily file reconciled, timed.</li>
 * </ol>
 *
 * <pre>java -cp bench/target/benchmarks.jar -Dflows=2000 -Dthreads=16 -Dlines=100000 org.citycard.bills.internal.BillFlowThroughput</pre>
 */
public final class BillFlowThroughput {

    /** The modules bill payment plugs into, without a web server. */
    @SpringBootApplication(scanBasePackages = {"org.citycard.bills", "org.citycard.messages", "org.citycard.payment",
            "org.citycard.card", "org.citycard.wallet"})
    static class Modules {
    }

    private static final String URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");

    public static void main(String[] args) throws Exception {
        int flows = Integer.getInteger("flows", 2_000);
        int threads = Integer.getInteger("threads", 16);
        int lines = Integer.getInteger("lines", 100_000);
        String schema = "bench_bills_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        var keys = Files.createTempDirectory("bench-card-keys").resolve("card-keys.properties");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.hikari.maximum-pool-size", System.getProperty("pool", "16"));
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.locations", "classpath:db/migration");
        properties.put("spring.threads.virtual.enabled", "true");
        properties.put("citycard.sandbox.mode", "in-process");
        properties.put("citycard.sandbox.biller-files-same-day", "true");
        properties.put("citycard.payment.janitor-initial-delay", "PT1H");
        // nobody listens there: the sandbox's own deliveries (none for amounts ending in .77) would fail quietly
        properties.put("citycard.payment.notify-base-url", "http://127.0.0.1:9");
        properties.put("citycard.bills.retry-every", "PT1S");
        properties.put("citycard.bills.retry-initial-delay", "PT1S");
        properties.put("citycard.bills.retry-backoff", "PT2S,PT4S,PT8S");
        properties.put("citycard.card.keys.development-keys", "true");
        properties.put("citycard.card.keys.development-file", keys.toString());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Modules.class)
                .web(WebApplicationType.NONE).properties(properties)
                .properties("logging.level.root=WARN", "logging.level.com.github.binarywang.wxpay=OFF",
                        System.getProperty("bench.bills-log", "logging.level.org.citycard.bills=ERROR"))
                .run(args)) {
            new BillFlowThroughput(context, threads).run(flows, lines);
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
            Files.deleteIfExists(keys);
        }
    }

    private final int threads;
    private final PaymentOrders orders;
    private final Checkout checkout;
    private final Notifications notifications;
    private final Sandbox sandbox;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final BillAccounts accounts;
    private final BillPayments payments;
    private final DailyFiles files;
    private final BillerRegistry registry;

    private BillFlowThroughput(ConfigurableApplicationContext context, int threads) {
        this.threads = threads;
        orders = context.getBean(PaymentOrders.class);
        checkout = context.getBean(Checkout.class);
        notifications = context.getBean(Notifications.class);
        sandbox = context.getBean(Sandbox.class);
        ledger = context.getBean(Ledger.class);
        jdbc = context.getBean(JdbcClient.class);
        accounts = context.getBean(BillAccounts.class);
        payments = context.getBean(BillPayments.class);
        files = context.getBean(DailyFiles.class);
        registry = context.getBean(BillerRegistry.class);
    }

    /** One flow's order, once created. */
    private record Flow(CitizenId citizen, PaymentOrder order) {
    }

    private void run(int flows, int lines) throws Exception {
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        // the citizens and accounts of the bill flows, bound before anything is timed (asking the biller each time)
        List<BoundAccount> bound = new ArrayList<>();
        List<CitizenId> holders = new ArrayList<>();
        CitizenId holder = null;
        for (int i = 0; i < flows; i++) {
            if (i % BillAccounts.MAX_ACCOUNTS == 0) {
                holder = CitizenId.random();
            }
            String biller = i % 2 == 0 ? "cmcc" : "unicom";
            String number = i % 20 == 7 ? "13" + String.format("%05d", i) + "9904" : ordinary("13");
            var result = accounts.bind(holder, biller, number, "bench");
            if (!(result instanceof BillAccounts.Result.Done<BoundAccount> done)) {
                throw new IllegalStateException("could not bind " + biller + " account: " + result);
            }
            bound.add(done.value());
            holders.add(holder);
        }
        System.out.printf(Locale.ROOT, "%d accounts bound (%d with injected timeouts), %d threads%n", bound.size(),
                bound.stream().filter(a -> a.accountNoMasked().endsWith("9904")).count(), threads);

        // 1. wallet top-ups
        List<CitizenId> topUpCitizens = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            CitizenId citizen = CitizenId.random();
            ledger.open(Wallets.accountOf(citizen), AccountKind.WALLET, null);
            topUpCitizens.add(citizen);
        }
        long topUpStart = System.nanoTime();
        List<Flow> topUps = drive(flows, i -> {
            CitizenId citizen = topUpCitizens.get(i);
            var created = (PaymentOrders.Creation.Created) orders.create(citizen,
                    new Purpose(org.citycard.wallet.TopUps.PURPOSE, citizen.toString()), amount(i), "钱包充值", null);
            return new Flow(citizen, created.order());
        });
        long expected = topUps.stream().mapToLong(f -> f.order().amountFen()).sum();
        await(() -> topUps.stream().mapToLong(f -> ledger.balance(Wallets.accountOf(f.citizen())).orElse(0)).sum(),
                expected);
        double topUpSeconds = seconds(topUpStart);
        long wrongWallets = topUps.stream().filter(f -> ledger.balance(Wallets.accountOf(f.citizen())).orElse(0)
                != f.order().amountFen()).count();
        System.out.printf(Locale.ROOT, "top-ups: %d flows in %.2f s = %.1f flows/s; wallets not equal to their one "
                + "top-up: %d%n", flows, topUpSeconds, flows / topUpSeconds, wrongWallets);

        // 2. bill payments
        long billStart = System.nanoTime();
        List<Flow> bills = drive(flows, i -> {
            var start = payments.start(holders.get(i), bound.get(i).id(), amount(i), null, "bench-" + i);
            if (!(start instanceof BillPayments.Start.Created created)) {
                throw new IllegalStateException("bill payment not started: " + start);
            }
            return new Flow(holders.get(i), created.order());
        });
        long notTimedOut = flows - flows / 20;
        await(() -> writtenOff(), notTimedOut);
        double mostSeconds = seconds(billStart);
        await(() -> writtenOff(), flows);
        double billSeconds = seconds(billStart);
        System.out.printf(Locale.ROOT, "bill payments: %d flows written off in %.2f s = %.1f flows/s (%d without an "
                        + "injected timeout after %.2f s = %.1f flows/s); %.0f%% of the top-up rate%n", flows, billSeconds,
                flows / billSeconds, notTimedOut, mostSeconds, notTimedOut / mostSeconds,
                100 * (flows / billSeconds) / (flows / topUpSeconds));

        // 3. the daily files, then what the billers hold against what we hold
        files.run(today);
        BillerSandbox billers = sandbox.billers();
        Map<String, Integer> atBiller = new HashMap<>();
        for (String biller : List.of("cmcc", "unicom")) {
            billers.writeOffs(biller, today).forEach(w -> atBiller.merge(w.merchantOrderNo(), 1, Integer::sum));
        }
        long doubled = atBiller.values().stream().filter(n -> n > 1).count();
        int ours = jdbc.sql("select count(*) from bill_payment where state = 'WRITTEN_OFF'").query(Integer.class).single();
        int unresolved = jdbc.sql("select count(*) from bill_payment where state not in ('WRITTEN_OFF', 'REFUNDED', 'CLOSED')")
                .query(Integer.class).single();
        int retried = jdbc.sql("""
                        select count(*) from bill_payment where attempts > 0 or written_off_at > paid_at + interval '3 seconds'""")
                .query(Integer.class).single();
        int applied = jdbc.sql("select count(*) from payment_notification where verdict = 'APPLIED'")
                .query(Integer.class).single();
        System.out.printf(Locale.ROOT, "after the daily files: %d write-offs at the billers for %d payments written off "
                        + "with us, %d merchant orders written off more than once, %d payments unresolved, %d written "
                        + "off only after a timeout; %d notifications applied (of %d delivered)%n", atBiller.size(), ours, doubled,
                unresolved, retried, applied, 4 * flows);

        // 4. a day of write-off lines for one biller, reconciled
        reconcileLines(lines, today);
    }

    private int writtenOff() {
        return jdbc.sql("select count(*) from bill_payment where state = 'WRITTEN_OFF'").query(Integer.class).single();
    }

    /** Runs the flows on the threads: create (the given step), prepay, approve, notify twice (the copy later). */
    private List<Flow> drive(int count, java.util.function.IntFunction<Flow> create) throws Exception {
        WeChatNotify notify = new WeChatNotify();
        List<Flow> done = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean creating = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Map<String, String>> copies = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 2)) {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        Flow flow = create.apply(i);
                        OrderNo no = flow.order().no();
                        if (!(checkout.pay(flow.citizen(), no, ChannelId.WECHAT_PAY, Scene.WEB_QR)
                                instanceof Checkout.Result.Confirm)) {
                            throw new IllegalStateException("no prepay for " + no.value());
                        }
                        sandbox.cashier().forOrder(no.value()).ifPresent(p -> sandbox.cashier().approve(p.token()));
                        Map<String, String> letter = sandbox.payments().weChatPay()
                                .paymentNotification(no.value(), flow.order().amountFen());
                        notify.deliver(letter);
                        copies.add(letter);
                        done.add(flow);
                    }
                    return null;
                }));
            }
            // the duplicates, by two other threads, a little later than the first copies
            List<java.util.concurrent.Future<?>> couriers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                couriers.add(pool.submit(() -> {
                    while (creating.get() || !copies.isEmpty()) {
                        Map<String, String> letter = copies.poll();
                        if (letter == null) {
                            Thread.sleep(5);
                        } else {
                            notify.deliver(letter);
                        }
                    }
                    return null;
                }));
            }
            for (var w : workers) {
                w.get();
            }
            creating.set(false);
            for (var c : couriers) {
                c.get();
            }
        }
        if (notify.refused.get() > 0) {
            System.out.println("  notifications refused: " + notify.refused.get());
        }
        return done;
    }

    private final class WeChatNotify {
        final AtomicInteger refused = new AtomicInteger();

        void deliver(Map<String, String> parts) {
            Map<String, String> headers = new LinkedHashMap<>();
            parts.forEach((k, v) -> {
                if (!k.isEmpty()) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
            PaymentChannel.Reply reply = notifications.receive(ChannelId.WECHAT_PAY,
                    new PaymentChannel.Inbound(headers, parts.get("")));
            if (reply.status() / 100 != 2) {
                refused.incrementAndGet();
            }
        }
    }

    private void reconcileLines(int lines, LocalDate today) throws Exception {
        CitizenId citizen = CitizenId.random();
        String prepaid = ordinary("8");
        var result = accounts.bind(citizen, "power", prepaid, "bench");
        if (!(result instanceof BillAccounts.Result.Done<BoundAccount> done)) {
            throw new IllegalStateException("could not bind a prepaid electricity account: " + result);
        }
        UUID account = done.value().id();
        BillerConnector connector = registry.entry("power").orElseThrow().connector();
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        long takeStart = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    List<Object[]> batch = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < lines; i = next.getAndIncrement()) {
                        String id = "BP" + run + String.format("%08d", i);
                        long fen = 100 + i % 5_000;
                        if (connector.pay(id, prepaid, fen, null) instanceof BillerConnector.WriteOffAnswer.WrittenOff w) {
                            taken.incrementAndGet();
                            batch.add(new Object[] {id, fen, w.writeOffRef(), Timestamp.from(w.at())});
                        }
                        if (batch.size() == 500) {
                            ours(batch, citizen, account);
                        }
                    }
                    ours(batch, citizen, account);
                    return null;
                });
            }
        }
        double takeSeconds = seconds(takeStart);
        long start = System.nanoTime();
        DailyFiles.Day day = files.run("power", today);
        double reconcileSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "%d write-offs taken through the connector in %.1f s (%.0f/s); the daily file of "
                        + "%d lines fetched, verified and reconciled in %.2f s (%.0f lines/s): %d matched, %d missing at the "
                        + "biller, %d missing with us, %d amounts differ; owed %d fen%n", taken.get(), takeSeconds,
                taken.get() / takeSeconds, day.matched() + day.missingWithUs() + day.amountMismatch(), reconcileSeconds,
                (day.matched() + day.missingWithUs() + day.amountMismatch()) / reconcileSeconds, day.matched(),
                day.missingAtBiller(), day.missingWithUs(), day.amountMismatch(), day.owed());
    }

    /** Our side of write-offs taken directly: written-off payments, in one multi-row insert. */
    private void ours(List<Object[]> batch, CitizenId citizen, UUID account) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                insert into bill_payment (id, citizen_id, account_id, biller_id, amount, state, idempotency_key,
                                          write_off_ref, created_at, paid_at, written_off_at) values""");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Object[] row = batch.get(i);
            sql.append(i == 0 ? " " : ", ").append("(?, ?, ?, 'power', ?, 'WRITTEN_OFF', ?, ?, ?, ?, ?)");
            values.addAll(List.of(row[0], citizen.value(), account, row[1], row[0], row[2], row[3], row[3], row[3]));
        }
        jdbc.sql(sql.toString()).params(values).update();
        batch.clear();
    }

    /** A number of the prefix and nine digits more that is no sandbox magic (0000, 9901 to 9909 at the end). */
    private static String ordinary(String prefix) {
        while (true) {
            String number = prefix + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
            if (!number.endsWith("0000") && !number.matches(".*990[1-9]")) {
                return number;
            }
        }
    }

    /** An amount ending in .77: the sandbox cashier approves it without a notification of its own (we deliver it). */
    private static long amount(int i) {
        return 1_077 + (i % 50) * 100L;
    }

    private static void await(LongSupplier current, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (current.getAsLong() < expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("still " + current.getAsLong() + " of " + expected + " after 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
