package org.citycard.parking.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingLots;
import org.citycard.parking.fees.FeeEngine;
import org.citycard.parking.fees.FeeRule;
import org.citycard.parking.fees.Vehicle;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "Near me" over {@code lots} lots (default 2,000) spread over a 30 km square around a city centre, on the real
 * PostgreSQL (127.0.0.1:5432, database test, a throw-away schema): {@code queries} nearby questions (3 km, the 20
 * nearest) from random places, on 1 and then {@code threads} threads, each timed; prints p50, p95 and p99. Then fee
 * quotes per second on one thread (random stays of up to three days under the typical tariff).
 *
 * <pre>java -cp bench/target/benchmarks.jar -Dlots=2000 org.citycard.parking.internal.NearbyLots</pre>
 */
public final class NearbyLots {

    @SpringBootApplication(scanBasePackages = {"org.citycard.parking", "org.citycard.messages", "org.citycard.payment",
            "org.citycard.wallet", "org.citycard.card"})
    static class Modules {
    }

    private static final String URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final GeoPoint CENTRE = new GeoPoint(30.2006, 115.0389);

    private NearbyLots() {
    }

    public static void main(String[] args) throws Exception {
        int lots = Integer.getInteger("lots", 2_000);
        int queries = Integer.getInteger("queries", 20_000);
        int threads = Integer.getInteger("threads", 8);
        String schema = "bench_parking_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        var keys = java.nio.file.Files.createTempDirectory("bench-card-keys").resolve("card-keys.properties");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Modules.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.datasource.url", URL + "?currentSchema=" + schema,
                        "spring.datasource.username", "postgres", "spring.flyway.schemas", schema,
                        "spring.flyway.locations", "classpath:db/migration",
                        "citycard.card.keys.development-keys", "true", "citycard.sandbox.mode", "in-process",
                        "citycard.card.keys.development-file", keys.toString()))
                .properties("logging.level.root=WARN")
                .run(args)) {
            ParkingAdministration administration = context.getBean(ParkingAdministration.class);
            ParkingLots parking = context.getBean(ParkingLots.class);
            var city = new ParkingAdministration.Staff("bench", true);
            administration.saveOperator(city, new ParkingAdministration.Operator("bench-op", "Bench", true));
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < lots; i++) {
                Lot lot = new Lot("lot-" + i, "bench-op", "Lot " + i, Lot.Kind.OFF_STREET, "Road " + i, around(random),
                        20 + random.nextInt(1_000), 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(),
                        Lot.ExitWithoutEntry.FIRST_PERIOD);
                administration.saveLot(city, lot);
                administration.reportOccupied(city, lot.id(), random.nextInt(lot.capacity()));
            }
            System.out.printf(Locale.ROOT, "%d lots in a 30 km square; each question: within 3 km, the 20 nearest%n", lots);
            for (int t : new int[] {1, threads}) {
                run(parking, Math.min(queries, 2_000), t, new SplittableRandom(1)); // warm-up
                long[] nanos = run(parking, queries, t, new SplittableRandom(11));
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "%d thread(s): %d questions, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", t,
                        queries, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6,
                        nanos[(int) (nanos.length * 0.99)] / 1e6);
            }
            fees(Integer.getInteger("quotes", 1_000_000));
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static GeoPoint around(SplittableRandom random) {
        return new GeoPoint(CENTRE.lat() + (random.nextDouble() - 0.5) * 0.27, CENTRE.lng() + (random.nextDouble() - 0.5) * 0.31);
    }

    private static long[] run(ParkingLots parking, int queries, int threads, SplittableRandom seed) throws Exception {
        List<GeoPoint> places = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            places.add(around(seed));
        }
        long[] nanos = new long[queries];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        parking.nearby(places.get(i), 3_000, 20);
                        nanos[i] = System.nanoTime() - start;
                    }
                });
            }
        }
        return nanos;
    }

    private static void fees(int quotes) {
        FeeRule rule = FeeRule.typical();
        SplittableRandom random = new SplittableRandom(3);
        java.time.Instant base = java.time.Instant.parse("2026-12-01T00:00:00Z");
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < quotes; i++) {
                java.time.Instant entry = base.plusSeconds(random.nextLong(30L * 24 * 3600));
                sink += FeeEngine.quote(rule, Vehicle.SMALL, entry, entry.plusSeconds(random.nextLong(3L * 24 * 3600)))
                        .totalFen();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "fee quotes%s: %d in %.2f s = %.0f per second on one thread (checksum %d)%n",
                    round == 0 ? " (warm-up)" : "", quotes, seconds, quotes / seconds, sink);
        }
    }
}
