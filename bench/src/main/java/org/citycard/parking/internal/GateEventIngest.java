package org.citycard.parking.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.OperatorFeeds;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.fees.FeeRule;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed gate events ingested per second on the real PostgreSQL (127.0.0.1:5432, database test, a throw-away
 * schema): {@code cars} cars each enter and leave one of {@code lots} lots; 10% of the events are sent twice and a
 * tenth of the cars' exits are sent before their entries (5% of the events out of order); the events go in signed requests of {@code batch} (each verified
 * with the operator's RSA key, its nonce kept) from {@code threads} threads. Afterwards: every car has exactly one
 * stay, billed once, with the fee its times give.
 *
 * <pre>java -cp bench/target/benchmarks.jar -Dcars=20000 org.citycard.parking.internal.GateEventIngest</pre>
 */
public final class GateEventIngest {

    private static final String URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");

    private GateEventIngest() {
    }

    public static void main(String[] args) throws Exception {
        int cars = Integer.getInteger("cars", 20_000);
        int lots = Integer.getInteger("lots", 50);
        int batch = Integer.getInteger("batch", 100);
        int threads = Integer.getInteger("threads", 8);
        String schema = "bench_gates_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        var keys = java.nio.file.Files.createTempDirectory("bench-card-keys").resolve("card-keys.properties");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NearbyLots.Modules.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.datasource.url", URL + "?currentSchema=" + schema,
                        "spring.datasource.username", "postgres", "spring.flyway.schemas", schema,
                        "spring.flyway.locations", "classpath:db/migration",
                        "spring.datasource.hikari.maximum-pool-size", System.getProperty("pool", "16"),
                        "citycard.card.keys.development-keys", "true", "citycard.sandbox.mode", "in-process",
                        "citycard.card.keys.development-file", keys.toString()))
                .properties("logging.level.root=WARN")
                .run(args)) {
            run(context, cars, lots, batch, threads);
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static void run(ConfigurableApplicationContext context, int cars, int lotCount, int batch, int threads)
            throws Exception {
        ParkingAdministration administration = context.getBean(ParkingAdministration.class);
        OperatorFeeds feeds = context.getBean(OperatorFeeds.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        var city = new ParkingAdministration.Staff("bench", true);
        administration.saveOperator(city, new ParkingAdministration.Operator("bench-op", "Bench", true));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair operatorKeys = generator.generateKeyPair();
        administration.setOperatorKey(city, "bench-op", Base64.getEncoder().encodeToString(operatorKeys.getPublic().getEncoded()));
        for (int i = 0; i < lotCount; i++) {
            administration.saveLot(city, new Lot("lot-" + i, "bench-op", "Lot " + i, Lot.Kind.OFF_STREET, "Road " + i,
                    new GeoPoint(30.2 + i * 0.001, 115.0), 100_000, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                    FeeRule.typical(), Lot.ExitWithoutEntry.FIRST_PERIOD));
        }
        // the events: each car in and out 90 minutes later (fee ¥7.00); a tenth of exits before their entries; 10% twice
        Random random = new Random(42);
        Instant base = Instant.parse("2026-12-07T00:00:00Z");
        List<String> events = new ArrayList<>();
        int outOfOrder = 0;
        for (int i = 0; i < cars; i++) {
            String plate = "鄂A" + String.format("%05d", i);
            String lot = "lot-" + (i % lotCount);
            Instant in = base.plusSeconds(random.nextInt(6 * 3600));
            String entry = event("in-" + i, lot, "ENTRY", plate, in);
            String exit = event("out-" + i, lot, "EXIT", plate, in.plusSeconds(90 * 60));
            if (i % 10 == 0) {
                events.add(exit);
                events.add(entry);
                outOfOrder++;
            } else {
                events.add(entry);
                events.add(exit);
            }
        }
        int unique = events.size();
        List<String> sent = new ArrayList<>(events);
        for (int i = 0; i < unique; i += 10) {
            // a duplicate, sent again somewhat later
            sent.add(Math.min(sent.size(), i + 50 + random.nextInt(200)), events.get(i));
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < sent.size(); i += batch) {
            bodies.add("{\"events\":[" + String.join(",", sent.subList(i, Math.min(sent.size(), i + batch))) + "]}");
        }
        String path = "/api/parking/v1/operators/bench-op/events";
        AtomicInteger next = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    Signature signer = Signature.getInstance("SHA256withRSA");
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        String body = bodies.get(i);
                        String timestamp = Long.toString(Instant.now().getEpochSecond());
                        String nonce = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "")
                                .getBytes(StandardCharsets.US_ASCII), 0, 16);
                        signer.initSign(operatorKeys.getPrivate());
                        signer.update(("POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body)
                                .getBytes(StandardCharsets.UTF_8));
                        var answer = feeds.receive("bench-op", path, timestamp, nonce,
                                Base64.getEncoder().encodeToString(signer.sign()), body);
                        if (answer instanceof OperatorFeeds.Answer.Accepted accepted) {
                            applied.addAndGet(accepted.results().size());
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d cars at %d lots: %d events (%d unique, %d sent twice, %d cars' exits first) in "
                        + "%d signed requests of %d from %d threads: %.2f s = %.0f events/s; requests refused: %d%n",
                cars, lotCount, sent.size(), unique, sent.size() - unique, outOfOrder, bodies.size(), batch, threads,
                seconds, sent.size() / seconds, refused.get());
        long closed = jdbc.sql("select count(*) from parking_session where state = 'CLOSED'").query(Long.class).single();
        long sessions = jdbc.sql("select count(*) from parking_session").query(Long.class).single();
        long plates = jdbc.sql("select count(distinct plate) from parking_session where state = 'CLOSED'").query(Long.class).single();
        long wrongFee = jdbc.sql("select count(*) from parking_session where fee is distinct from 700").query(Long.class).single();
        long events2 = jdbc.sql("select count(*) from parking_event").query(Long.class).single();
        System.out.printf(Locale.ROOT, "afterwards: %d sessions for %d cars, %d billed (%d distinct plates), %d with a fee "
                + "other than ¥7.00, %d events kept%n", sessions, cars, closed, plates, wrongFee, events2);
    }

    private static String event(String id, String lot, String direction, String plate, Instant at) {
        return "{\"eventId\":\"" + id + "\",\"lotId\":\"" + lot + "\",\"gate\":\"g1\",\"direction\":\"" + direction
                + "\",\"plate\":\"" + plate + "\",\"colour\":\"BLUE\",\"at\":\"" + at + "\"}";
    }
}
