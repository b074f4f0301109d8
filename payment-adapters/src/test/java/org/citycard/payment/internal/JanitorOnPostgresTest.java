package org.citycard.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.card.CitizenId;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentTestApplication;
import org.citycard.payment.Purpose;
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

/** The janitor closes expired orders, under a ShedLock lock so that only one node does it at a time. */
@SpringBootTest(classes = PaymentTestApplication.class)
class JanitorOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    org.citycard.payment.PaymentJanitor janitor;
    @Autowired
    PaymentOrders orders;
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
    void the_janitor_closes_an_expired_order_and_holds_the_lock_while_it_works() {
        CitizenId citizen = CitizenId.random();
        var created = (PaymentOrders.Creation.Created) orders.create(citizen,
                org.citycard.payment.TestPurpose.of(citizen), 2_000, "钱包充值", null);
        jdbc.sql("update payment_order set expires_at = :past where order_no = :no")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)))
                .param("no", created.order().no().value()).update();
        janitor.sweep();
        assertThat(orders.find(created.order().no()).orElseThrow().state()).isEqualTo(OrderState.CLOSED);
        assertThat(jdbc.sql("select count(*) from shedlock where name = 'payment-janitor'").query(Integer.class).single())
                .isEqualTo(1);
    }
}
