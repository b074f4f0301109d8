package org.citycard.card.ledger.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Ledger postings per second on the real PostgreSQL (127.0.0.1:5432, database test, a throw-away schema), 8
 * threads: all paying from one hot wallet to one merchant (they queue on those rows' locks), or each thread from
 * its own wallet to its own merchant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(8)
@Fork(1)
public class LedgerBenchmark {

    private static final String URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final AtomicLong sequence = new AtomicLong();
    private HikariDataSource dataSource;
    private JdbcLedger ledger;

    @Setup(Level.Trial)
    public void setUp() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL + "?currentSchema=" + schema);
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration/card").load().migrate();
        ledger = new JdbcLedger(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
        ledger.open("clearing", AccountKind.CLEARING, null);
        ledger.open("merchant", AccountKind.MERCHANT, null);
        ledger.open("wallet:hot", AccountKind.WALLET, null);
        ledger.post(Posting.transfer("fund-hot", "fund", "clearing", "wallet:hot", 1_000_000_000L));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        dataSource.close();
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
        }
    }

    /** Each benchmark thread's own wallet and merchant, so no two threads touch the same row. */
    @State(Scope.Thread)
    public static class OwnWallet {
        String id;
        String merchant;

        @Setup(Level.Trial)
        public void open(LedgerBenchmark bench) {
            id = "wallet:" + UUID.randomUUID();
            merchant = "merchant:" + UUID.randomUUID();
            bench.ledger.open(id, AccountKind.WALLET, null);
            bench.ledger.open(merchant, AccountKind.MERCHANT, null);
            bench.ledger.post(Posting.transfer("fund-" + id, "fund", "clearing", id, 1_000_000_000L));
        }
    }

    @Benchmark
    public PostingResult oneHotWallet() {
        return ledger.post(Posting.transfer("hot-" + sequence.incrementAndGet(), "ride", "wallet:hot", "merchant", 1));
    }

    @Benchmark
    public PostingResult manyWallets(OwnWallet wallet) {
        return ledger.post(Posting.transfer("many-" + sequence.incrementAndGet(), "ride", wallet.id, wallet.merchant, 1));
    }
}
