package org.citycard.card.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CardSamples;
import org.citycard.card.CardTestApplication;
import org.citycard.card.Cards;
import org.citycard.card.Citizen;
import org.citycard.card.DynamicCodes;
import org.citycard.card.Identities;
import org.citycard.card.IdentityResult;
import org.citycard.card.SmsInbox;
import org.citycard.card.SmsPurpose;
import org.citycard.card.code.CodePurpose;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Code uses shared by several nodes (PostgreSQL and Redis, as production runs them): a code is accepted once across
 * nodes, every accepted use reaches the database even when the node that accepted it dies, and a frozen card is
 * refused within a second.
 */
@SpringBootTest(classes = CardTestApplication.class, properties = {"citycard.card.shared-state=redis",
        // each test context (schema) its own stream: nodes sharing a stream share a database
        "citycard.card.code-uses.stream=citycard:code-uses:${random.uuid}"})
class CodeUsesOnRedisTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    Identities identities;
    @Autowired
    Cards cards;
    @Autowired
    DynamicCodes codes;
    @Autowired
    SmsInbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;

    @BeforeAll
    static void needsServices() {
        RequiredServices.postgres();
        RequiredServices.redis();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        RequiredServices.registerRedis(registry);
    }

    @AfterAll
    static void drop() {
        SCHEMA.drop();
    }

    @Test
    void codes_scanned_twice_at_once_are_accepted_once_and_every_use_reaches_the_citizens_list() throws Exception {
        Citizen citizen = citizenWithCard();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            issued.add(((DynamicCodes.Issue.Issued) codes.issue(citizen.id(), CodePurpose.RIDE)).text());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<DynamicCodes.Check>> checks = new ArrayList<>();
        for (String code : issued) {
            for (int scan = 0; scan < 2; scan++) {
                checks.add(pool.submit(() -> codes.verify(code, "bus-7-front", "7路")));
            }
        }
        int accepted = 0;
        int replayed = 0;
        for (Future<DynamicCodes.Check> check : checks) {
            DynamicCodes.Check result = check.get();
            accepted += result instanceof DynamicCodes.Check.Accepted ? 1 : 0;
            replayed += result.equals(new DynamicCodes.Check.Rejected(DynamicCodes.Rejection.REPLAYED)) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(60);
        assertThat(replayed).isEqualTo(60);
        // written off the request path, within moments
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (codes.uses(citizen.id(), 100).size() < 60 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(codes.uses(citizen.id(), 100)).hasSize(60)
                .allSatisfy(use -> assertThat(use.place()).isEqualTo("7路"));
    }

    @Test
    void a_frozen_card_is_refused_within_a_second_although_it_was_just_read() throws Exception {
        Citizen citizen = citizenWithCard();
        String first = ((DynamicCodes.Issue.Issued) codes.issue(citizen.id(), CodePurpose.HEALTH)).text();
        String second = ((DynamicCodes.Issue.Issued) codes.issue(citizen.id(), CodePurpose.HEALTH)).text();
        assertThat(codes.verify(first, "hospital-1", "市中心医院")).isInstanceOf(DynamicCodes.Check.Accepted.class);
        cards.reportLoss(citizen.id(), Cards.CITIZEN, "丢失");
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        assertThat(codes.verify(second, "hospital-1", "市中心医院"))
                .isEqualTo(new DynamicCodes.Check.Rejected(DynamicCodes.Rejection.CARD_FROZEN));
    }

    @Test
    void uses_a_node_accepted_and_could_not_write_before_it_died_are_written_by_another_node_once() throws Exception {
        Citizen citizen = citizenWithCard();
        UUID card = jdbc.sql("select id from card_card where citizen_id = :id").param("id", citizen.id().value())
                .query(UUID.class).single();
        String stream = "citycard:code-uses:test-" + UUID.randomUUID();
        CodeUseRows down = new CodeUseRows(jdbc) {
            @Override
            void write(List<CodeUseLog.Use> uses) {
                throw new IllegalStateException("this node dies before its batch is written");
            }
        };
        CodeUseRows rows = new CodeUseRows(jdbc);
        Duration claimAfter = Duration.ofMillis(300);
        var dying = new RedisCodeUseLog(redis, stream, down, Duration.ofHours(1), claimAfter);
        var survivor = new RedisCodeUseLog(redis, stream, rows, Duration.ofHours(1), claimAfter);
        dying.createGroup();
        try {
            SecureRandom random = new SecureRandom();
            List<CodeUseLog.Use> uses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                uses.add(new CodeUseLog.Use("test-" + UUID.randomUUID(), random.nextLong(), card, citizen.id().value(),
                        CodePurpose.PAYMENT, "shop-9", "便利店", Instant.now()));
            }
            for (CodeUseLog.Use use : uses) {
                assertThat(dying.acceptOnce(use)).isTrue();
                assertThat(survivor.acceptOnce(use)).as("the same code on the other node").isFalse();
            }
            assertThatThrownBy(dying::writePending).isInstanceOf(IllegalStateException.class);
            assertThat(survivor.writePending()).as("the dying node's batch is not taken while it may still finish")
                    .isZero();
            Thread.sleep(claimAfter.toMillis() + 200);
            assertThat(survivor.writePending()).isEqualTo(40);
            rows.write(uses); // a batch written twice (a node died after writing, before acknowledging)
            assertThat(jdbc.sql("select count(*) from card_code_use where card_id = :card and terminal = 'shop-9'")
                    .param("card", card).query(Long.class).single()).isEqualTo(40);
            assertThat(redis.opsForStream().size(stream)).isZero();
        } finally {
            redis.delete(stream);
        }
    }

    private Citizen citizenWithCard() {
        String phone = CardSamples.phone();
        identities.sendSmsCode(phone, SmsPurpose.REGISTER);
        Citizen citizen = ((IdentityResult.Done) identities.register(phone, CardSamples.lastCode(inbox, phone),
                "secret123")).citizen();
        jdbc.sql("delete from card_sms_code").update();
        identities.sendSmsCode(phone, SmsPurpose.REAL_NAME);
        citizen = ((IdentityResult.Done) identities.verifyRealName(citizen.id(), "李四", CardSamples.idNumber(), phone,
                CardSamples.lastCode(inbox, phone))).citizen();
        cards.apply(citizen.id());
        return citizen;
    }
}
