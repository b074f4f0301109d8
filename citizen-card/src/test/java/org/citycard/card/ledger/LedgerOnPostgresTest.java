package org.citycard.card.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CardTestApplication;
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

/** The wallet ledger on the real PostgreSQL, under concurrency. */
@SpringBootTest(classes = CardTestApplication.class)
class LedgerOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();
    private static final String CLEARING = "clearing:WECHAT_PAY";

    @Autowired
    Ledger ledger;
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
    void fifty_parallel_debits_of_one_wallet_never_overdraw_it_and_lose_no_update() throws Exception {
        String wallet = wallet(300, null);
        List<PostingResult> results = parallel(50, i -> Posting.transfer("ride-" + UUID.randomUUID(), "bus ride",
                wallet, "merchant:bus", 10));
        assertThat(results).filteredOn(r -> r instanceof PostingResult.Posted).hasSize(30);
        assertThat(results).filteredOn(r -> r instanceof PostingResult.Refused f
                && f.reason() == PostingResult.Reason.INSUFFICIENT_FUNDS).hasSize(20);
        assertThat(ledger.balance(wallet)).hasValue(0);
        assertThat(ledger.balance("merchant:bus").getAsLong()).isGreaterThanOrEqualTo(300);
        assertThat(ledger.statement(wallet, null, 200)).hasSize(31)
                .first().satisfies(line -> assertThat(line.balanceAfterFen()).isZero());
    }

    @Test
    void twenty_identical_postings_in_parallel_credit_once() throws Exception {
        String wallet = wallet(0, null);
        List<PostingResult> results = parallel(20, i -> Posting.transfer("topup-1", "top-up", CLEARING, wallet, 5000));
        assertThat(results).filteredOn(r -> r instanceof PostingResult.Posted).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof PostingResult.AlreadyPosted).hasSize(19);
        assertThat(ledger.balance(wallet)).hasValue(5000);
    }

    @Test
    void a_key_reused_for_a_different_posting_is_refused() {
        String wallet = wallet(0, null);
        assertThat(ledger.post(Posting.transfer("topup-2", "top-up", CLEARING, wallet, 100))).isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.post(Posting.transfer("topup-2", "top-up", CLEARING, wallet, 999)))
                .isEqualTo(new PostingResult.Refused(PostingResult.Reason.KEY_REUSED_FOR_OTHER_POSTING, null));
        assertThat(ledger.balance(wallet)).hasValue(100);
    }

    @Test
    void the_daily_spending_limit_refuses_the_payment_that_would_pass_it() {
        String wallet = wallet(10_000, 2_000L);
        assertThat(ledger.post(Posting.transfer(UUID.randomUUID().toString(), "parking", wallet, "merchant:parking", 1_500)))
                .isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.post(Posting.transfer(UUID.randomUUID().toString(), "parking", wallet, "merchant:parking", 600)))
                .isEqualTo(new PostingResult.Refused(PostingResult.Reason.DAILY_LIMIT_EXCEEDED, wallet));
        assertThat(ledger.balance(wallet)).hasValue(8_500);
        // giving a top-up back is not spending: a refund the same day passes the limit, and is not counted later
        assertThat(ledger.post(Posting.transfer(UUID.randomUUID().toString(), "refund", wallet, CLEARING, 5_000)))
                .isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.post(Posting.transfer(UUID.randomUUID().toString(), "bus", wallet, "merchant:bus", 500)))
                .isInstanceOf(PostingResult.Posted.class);
        assertThat(ledger.balance(wallet)).hasValue(3_000);
    }

    @Test
    void a_refused_posting_leaves_no_trace() {
        String wallet = wallet(50, null);
        long journals = jdbc.sql("select count(*) from card_ledger_journal").query(Long.class).single();
        assertThat(ledger.post(Posting.transfer("pay-x", "shop", wallet, "nowhere", 10)))
                .isEqualTo(new PostingResult.Refused(PostingResult.Reason.UNKNOWN_ACCOUNT, "nowhere"));
        assertThat(jdbc.sql("select count(*) from card_ledger_journal").query(Long.class).single()).isEqualTo(journals);
        assertThat(ledger.balance(wallet)).hasValue(50);
    }

    @Test
    void the_database_itself_refuses_a_negative_wallet() {
        String wallet = wallet(10, null);
        assertThatThrownBy(() -> jdbc.sql("update card_ledger_account set balance = -1 where id = :id")
                .param("id", wallet).update()).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void unbalanced_postings_cannot_even_be_written_down() {
        assertThatThrownBy(() -> new Posting("k", "d", List.of(new Leg("a", -10), new Leg("b", 9))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A wallet funded from the clearing account. */
    private String wallet(long fen, Long dailyLimit) {
        String id = "wallet:" + UUID.randomUUID();
        ledger.open(CLEARING, AccountKind.CLEARING, null);
        ledger.open("merchant:bus", AccountKind.MERCHANT, null);
        ledger.open("merchant:parking", AccountKind.MERCHANT, null);
        ledger.open(id, AccountKind.WALLET, dailyLimit);
        if (fen > 0) {
            assertThat(ledger.post(Posting.transfer("fund-" + id, "opening top-up", CLEARING, id, fen)))
                    .isInstanceOf(PostingResult.Posted.class);
        }
        return id;
    }

    private List<PostingResult> parallel(int n, java.util.function.IntFunction<Posting> posting) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PostingResult>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<PostingResult> call = () -> {
                start.await();
                return ledger.post(posting.apply(index));
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<PostingResult> results = new ArrayList<>();
        for (Future<PostingResult> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }
}
