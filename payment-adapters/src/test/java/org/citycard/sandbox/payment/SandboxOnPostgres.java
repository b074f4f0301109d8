package org.citycard.sandbox.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentJanitor;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentTestApplication;
import org.citycard.payment.TestPurpose;
import org.citycard.payment.internal.OrderBook;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.sun.net.httpserver.HttpServer;

/**
 * The channels end to end on the sandbox, with their real SDKs and real signatures, on PostgreSQL. The
 * notifications reach a real HTTP endpoint that hands them to {@link Notifications} as the app's controller does.
 * One application context (and one schema, dropped when the JVM ends) serves every channel's test class.
 */
@SpringBootTest(classes = PaymentTestApplication.class, properties = {
        "citycard.sandbox.mode=in-process", "citycard.payment.janitor-quiet=PT0S",
        "citycard.payment.janitor-initial-delay=PT1H", "citycard.sandbox.duplicate-after=PT0.3S",
        "citycard.payment.refund-four-eyes-above-fen=20000"})
@RecordApplicationEvents
public abstract class SandboxOnPostgres {

    private static final Map<String, ChannelId> SLUGS = Map.of("wechat-pay", ChannelId.WECHAT_PAY,
            "alipay", ChannelId.ALIPAY, "unionpay", ChannelId.UNIONPAY);
    private static final PostgresSchema SCHEMA = new PostgresSchema();
    private static final HttpServer MERCHANT = merchant();
    private static volatile Notifications desk;

    @Autowired
    protected OrderBook orders;
    @Autowired
    protected Checkout checkout;
    @Autowired
    protected Refunds refunds;
    @Autowired
    protected Notifications notifications;
    @Autowired
    protected org.citycard.sandbox.Sandbox sandbox;
    protected SandboxCashier cashier;

    @org.junit.jupiter.api.BeforeEach
    void cashier() {
        cashier = sandbox.cashier();
    }
    @Autowired
    protected TestPurpose purpose;
    @Autowired
    protected PaymentJanitor janitor;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ApplicationEvents events;

    /** The merchant's notification endpoint, as the app's controller: raw headers and body to the desk. */
    private static HttpServer merchant() {
        RequiredServices.postgres();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/payment/v1/notify/", exchange -> {
                ChannelId channel = SLUGS.get(exchange.getRequestURI().getPath().substring("/api/payment/v1/notify/".length()));
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                PaymentChannel.Reply reply = desk.receive(channel, new PaymentChannel.Inbound(headers, body));
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(0);
                SCHEMA.drop();
            }));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("citycard.payment.notify-base-url", () -> "http://127.0.0.1:" + MERCHANT.getAddress().getPort());
    }

    /** Hands a notification (headers, and the body under the key "") to the desk, as the endpoint would. */
    protected PaymentChannel.Reply receive(ChannelId channel, Map<String, String> parts) {
        Map<String, String> headers = new LinkedHashMap<>();
        parts.forEach((k, v) -> {
            if (!k.isEmpty()) {
                headers.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        return notifications.receive(channel, new PaymentChannel.Inbound(headers, parts.get("")));
    }

    protected CitizenId citizen() {
        desk = notifications;
        return CitizenId.random();
    }

    /** An order of the test purpose, ready to pay. */
    protected OrderNo order(CitizenId citizen, long fen) {
        desk = notifications;
        var created = (PaymentOrders.Creation.Created) orders.create(citizen, TestPurpose.of(citizen), fen, "测试商品",
                null);
        return created.order().no();
    }

    /** Pays the order with the channel's web QR code and returns the sandbox cashier's token for it. */
    protected String token(CitizenId citizen, OrderNo no, ChannelId channel) {
        org.assertj.core.api.Assertions.assertThat(checkout.pay(citizen, no, channel, Scene.WEB_QR))
                .isInstanceOf(Checkout.Result.Confirm.class);
        return cashier.forOrder(no.value()).orElseThrow().token();
    }

    /** What the purpose gave the citizen for their money (paid less refunded), each order once. */
    protected long fulfilled(CitizenId citizen) {
        return purpose.fulfilled(citizen);
    }

    static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    protected static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
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
