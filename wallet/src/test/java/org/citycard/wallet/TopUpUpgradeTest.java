package org.citycard.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An upgrade with a top-up paid but not yet credited: before this version the payment module's {@code WalletTopUp}
 * credited top-ups, and the event publication registry names it as the listener of events it has not handled. The
 * database is brought to the last version before the move, such an event is left in it as that version wrote it,
 * and this version's application starts on it: the top-up is credited, once.
 */
@SpringBootTest(classes = WalletTestApplication.class, properties = "citycard.payment.janitor-initial-delay=PT1H")
class TopUpUpgradeTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();
    private static final CitizenId CITIZEN = CitizenId.random();
    private static final String ORDER = "CC261204101500000000123456";
    private static final String OLD_LISTENER =
            "org.citycard.payment.topup.WalletTopUp.on(org.citycard.payment.PaymentSucceeded)";

    @Autowired
    Ledger ledger;
    @Autowired
    IncompleteEventPublications incomplete;
    @Autowired
    JdbcClient jdbc;

    /** The database as the previous version left it: migrated to V409, one paid top-up's credit outstanding. */
    @DynamicPropertySource
    static void previousVersion(DynamicPropertyRegistry registry) throws Exception {
        RequiredServices.postgres();
        SCHEMA.register(registry);
        Flyway.configure().dataSource(SCHEMA.url(), PostgresSchema.USER, "").schemas(SCHEMA.name())
                .defaultSchema(SCHEMA.name()).locations("classpath:db/migration").target("409").load().migrate();
        try (Connection c = DriverManager.getConnection(SCHEMA.url(), PostgresSchema.USER, "");
             PreparedStatement insert = c.prepareStatement("""
                     insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                    status, completion_attempts)
                     values (?, ?, 'org.citycard.payment.PaymentSucceeded', ?, ?, 'PUBLISHED', 0)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, OLD_LISTENER);
            insert.setString(3, """
                    {"order":{"value":"%s"},"citizen":{"value":"%s"},"purpose":{"kind":"WALLET_TOP_UP",\
                    "reference":"%s"},"amountFen":5000,"channel":"ALIPAY"}""".formatted(ORDER, CITIZEN.value(), CITIZEN));
            insert.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(600)));
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    @Test
    void a_top_up_paid_before_the_upgrade_is_credited_after_it_once() {
        ledger.open(Wallets.accountOf(CITIZEN), AccountKind.WALLET, null);
        assertThat(jdbc.sql("select listener_id from event_publication where completion_date is null")
                .query(String.class).list()).containsExactly("wallet.top-up.paid");

        incomplete.resubmitIncompletePublications(publication -> true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ledger.balance(Wallets.accountOf(CITIZEN)).orElse(-1) == 5_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);

        // handled again (a second node resubmitting at the same moment): still credited once
        jdbc.sql("update event_publication set completion_date = null, status = 'PUBLISHED'").update();
        incomplete.resubmitIncompletePublications(publication -> true);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
        assertThat(ledger.balance(Wallets.accountOf(CITIZEN))).hasValue(5_000);
    }
}
