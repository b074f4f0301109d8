package org.citycard.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.card.CardSamples;
import org.citycard.card.CitizenId;
import org.citycard.card.IdNumber;
import org.citycard.card.Identities;
import org.citycard.card.SmsInbox;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.health.HealthCards.CodeResult;
import org.citycard.health.HealthCards.Result;
import org.citycard.health.HealthProblem;
import org.citycard.health.HealthTestApplication;
import org.citycard.health.HospitalDesk;
import org.citycard.health.HospitalDesk.Channel;
import org.citycard.health.HospitalDesk.Check;
import org.citycard.health.HospitalDesk.Scene;
import org.citycard.kernel.ChinaTime;
import org.citycard.sandbox.Sandbox;
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

/**
 * E-health cards on PostgreSQL against the sandbox's provincial platform: one's own from one's real name, children's
 * with a birth certificate, parents' through the counter, one card per person whoever applies, codes good once at the
 * hospital, which hears only what it may, and visits shown to their holder only.
 */
@SpringBootTest(classes = HealthTestApplication.class, properties = "citycard.card.sms.sender=INBOX")
class HealthCardsOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    HealthCards cards;
    @Autowired
    HospitalDesk desk;
    @Autowired
    Identities identities;
    @Autowired
    SmsInbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Sandbox sandbox;

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

    private record Person(CitizenId id, String idNumber) {
    }

    private Person citizen(String name, LocalDate born, boolean male) {
        String idNumber = CardSamples.idNumber(born, male);
        return new Person(org.citycard.health.RealNameCitizens.citizen(identities, inbox, name, idNumber), idNumber);
    }

    private static HealthCard done(Result result) {
        assertThat(result).isInstanceOf(Result.Done.class);
        return ((Result.Done) result).card();
    }

    private HospitalDesk.Hospital central() {
        return desk.hospital("hs-central").orElseThrow();
    }

    @Test
    void a_citizen_gets_one_card_from_their_real_name_and_a_hospital_hears_only_what_it_may() {
        Person wang = citizen("王建国", LocalDate.of(1978, 3, 9), true);
        HealthCard card = done(cards.issueOwn(wang.id()));
        assertThat(card.state()).isEqualTo(HealthCard.State.ACTIVE);
        assertThat(card.ehcId()).matches("[0-9a-f]{64}");
        assertThat(card.nameMasked()).isEqualTo("王**");
        assertThat(card.idNumberMasked()).isEqualTo(IdNumber.of(wang.idNumber()).masked());
        assertThat(card.sex()).isEqualTo(IdNumber.Sex.MALE);
        assertThat(card.staticCode()).as("the printed code is off until asked for").isNull();
        // asking again answers the same card
        assertThat(done(cards.issueOwn(wang.id())).id()).isEqualTo(card.id());
        assertThat(cards.cards(wang.id())).extracting(HealthCard::id).containsExactly(card.id());

        String code = ((CodeResult.Issued) cards.dynamicCode(wang.id(), card.id())).text();
        assertThat(code).startsWith(card.ehcId() + ":0:");
        Check seen = desk.verify(central(), code, Scene.REGISTRATION, Channel.WINDOW, "心内科");
        assertThat(seen).isInstanceOf(Check.Accepted.class);
        Check.Accepted accepted = (Check.Accepted) seen;
        assertThat(accepted.name()).isEqualTo("王建国");
        assertThat(accepted.idNumberMasked()).isEqualTo(card.idNumberMasked()).doesNotContain(wang.idNumber());
        assertThat(accepted.birthDate()).isEqualTo(LocalDate.of(1978, 3, 9));
        assertThat(accepted.patientId()).isNull();
        // the dynamic code is used up
        assertThat(desk.verify(central(), code, Scene.CONSULTATION, Channel.DOCTOR, null))
                .isEqualTo(new Check.Rejected(HealthProblem.CODE_USED));
        // the static code a terminal can make of it (the card id is inside) is refused while it is off, and works,
        // again and again, once the holder switches it on to print it
        assertThat(desk.verify(central(), card.ehcId() + ":1", Scene.CONSULTATION, Channel.DOCTOR, null))
                .isEqualTo(new Check.Rejected(HealthProblem.CODE_INVALID));
        card = done(cards.staticCode(wang.id(), card.id(), true));
        assertThat(card.staticCode()).isEqualTo(card.ehcId() + ":1");
        assertThat(desk.verify(central(), "garbage", Scene.CONSULTATION, Channel.DOCTOR, null))
                .isEqualTo(new Check.Rejected(HealthProblem.CODE_INVALID));

        // the hospital binds its patient id through its own visit, and hears it from then on
        HospitalDesk.Hospital women = desk.hospital("hs-women").orElseThrow();
        assertThat(desk.bindPatient(women, accepted.visitId(), "P-1001"))
                .isEqualTo(new Result.Refused(HealthProblem.UNKNOWN_VISIT));
        assertThat(desk.bindPatient(central(), accepted.visitId(), "P 1001; drop"))
                .isEqualTo(new Result.Refused(HealthProblem.BAD_PATIENT_ID));
        assertThat(desk.bindPatient(central(), accepted.visitId(), "P-1001")).isInstanceOf(Result.Done.class);
        Check.Accepted again = (Check.Accepted) desk.verify(central(), card.staticCode(), Scene.PHARMACY,
                Channel.WINDOW, null);
        assertThat(again.patientId()).isEqualTo("P-1001");
        Check.Accepted elsewhere = (Check.Accepted) desk.verify(women, card.staticCode(), Scene.EXAMINATION,
                Channel.KIOSK, null);
        assertThat(elsewhere.patientId()).isNull();

        // the holder sees each visit, newest first; another citizen sees none of them
        assertThat(desk.visits(wang.id(), card.id(), 10)).extracting(HospitalDesk.Visit::scene)
                .containsExactly(Scene.EXAMINATION, Scene.PHARMACY, Scene.REGISTRATION);
        assertThat(desk.visits(wang.id(), card.id(), 10).getLast().department()).isEqualTo("心内科");
        assertThat(desk.visits(wang.id(), card.id(), 10).getFirst().hospitalName()).isEqualTo("黄石市妇幼保健院");
        Person li = citizen("李秀英", LocalDate.of(1990, 6, 1), false);
        assertThat(desk.visits(li.id(), card.id(), 10)).isEmpty();
        assertThat(cards.card(li.id(), card.id())).isEmpty();
        assertThat(cards.dynamicCode(li.id(), card.id())).isEqualTo(new CodeResult.Refused(HealthProblem.UNKNOWN_CARD));
        assertThat(cards.close(li.id(), card.id())).isEqualTo(new Result.Refused(HealthProblem.UNKNOWN_CARD));

        // closed: its codes stop working, at the platform too
        assertThat(done(cards.close(wang.id(), card.id())).state()).isEqualTo(HealthCard.State.CLOSED);
        assertThat(desk.verify(central(), card.staticCode(), Scene.PHARMACY, Channel.WINDOW, null))
                .isEqualTo(new Check.Rejected(HealthProblem.CODE_INVALID));
        assertThat(cards.cards(wang.id())).isEmpty();
        // and applying again gives a card again
        assertThat(done(cards.issueOwn(wang.id())).state()).isEqualTo(HealthCard.State.ACTIVE);
    }

    @Test
    void a_child_is_added_with_a_birth_certificate_the_platform_checks_and_only_once_whoever_applies() {
        Person mother = citizen("陈丽", LocalDate.of(1992, 1, 15), false);
        Person father = citizen("刘强", LocalDate.of(1991, 11, 2), true);
        String child = CardSamples.idNumber(LocalDate.of(2021, 4, 20), false);
        assertThat(cards.addChild(mother.id(), "刘小雨", child, "o45012345"))
                .isEqualTo(new Result.Refused(HealthProblem.BAD_BIRTH_CERTIFICATE));
        assertThat(cards.addChild(mother.id(), "刘小雨", child, "O450120000"))
                .isEqualTo(new Result.Refused(HealthProblem.BIRTH_CERTIFICATE_MISMATCH));
        assertThat(cards.addChild(mother.id(), "刘小雨", mother.idNumber(), "O450123456"))
                .isEqualTo(new Result.Refused(HealthProblem.OWN_ID_NUMBER));
        assertThat(cards.addChild(mother.id(), "刘小雨", father.idNumber(), "O450123456"))
                .isEqualTo(new Result.Refused(HealthProblem.NOT_A_CHILD));
        HealthCard card = done(cards.addChild(mother.id(), "刘小雨", child, "o450123456"));
        assertThat(card.relation()).isEqualTo(HealthCard.Relation.CHILD);
        assertThat(card.state()).isEqualTo(HealthCard.State.ACTIVE);
        assertThat(cards.addChild(father.id(), "刘小雨", child, "O450123456"))
                .isEqualTo(new Result.Refused(HealthProblem.HELD_ELSEWHERE));
        assertThat(jdbc.sql("select count(*) from health_card where id_number_index = (select id_number_index from "
                + "health_card where id = :id)").param("id", card.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(((CodeResult.Issued) cards.dynamicCode(mother.id(), card.id())).text()).startsWith(card.ehcId());
    }

    @Test
    void a_parent_without_a_phone_gets_a_card_once_seen_at_the_counter_with_their_id_card() {
        Person son = citizen("赵磊", LocalDate.of(1975, 8, 8), true);
        String father = CardSamples.idNumber(LocalDate.of(1948, 2, 2), true);
        assertThat(cards.requestForParent(son.id(), "赵德福", CardSamples.idNumber(LocalDate.of(1980, 1, 1), true)))
                .isEqualTo(new Result.Refused(HealthProblem.NOT_ELDERLY));
        HealthCard waiting = done(cards.requestForParent(son.id(), "赵德福", father));
        assertThat(waiting.state()).isEqualTo(HealthCard.State.AWAITING_COUNTER);
        assertThat(waiting.counterReference()).matches("[A-Z0-9]{8}");
        assertThat(cards.dynamicCode(son.id(), waiting.id()))
                .isEqualTo(new CodeResult.Refused(HealthProblem.CARD_NOT_ACTIVE));
        assertThat(cards.awaitingCounter(waiting.counterReference().toLowerCase())).map(HealthCard::id)
                .contains(waiting.id());
        assertThat(cards.confirmAtCounter("counter-1", waiting.counterReference(), son.idNumber()))
                .isEqualTo(new Result.Refused(HealthProblem.COUNTER_MISMATCH));
        assertThat(cards.confirmAtCounter("counter-1", "ZZZZZZZZ", father))
                .isEqualTo(new Result.Refused(HealthProblem.UNKNOWN_REFERENCE));
        HealthCard active = done(cards.confirmAtCounter("counter-1", waiting.counterReference(), father));
        assertThat(active.state()).isEqualTo(HealthCard.State.ACTIVE);
        assertThat(active.counterReference()).isNull();
        // a parent without a phone uses the printed code: on from the start; the son can switch it off (a lost print)
        assertThat(active.staticCode()).isEqualTo(active.ehcId() + ":1");
        assertThat(done(cards.staticCode(son.id(), active.id(), false)).staticCode()).isNull();
        assertThat(cards.staticCode(org.citycard.card.CitizenId.random(), active.id(), true))
                .isEqualTo(new Result.Refused(HealthProblem.UNKNOWN_CARD));
        assertThat(cards.cards(son.id())).extracting(HealthCard::relation)
                .containsExactly(HealthCard.Relation.PARENT);
        assertThat(cards.confirmAtCounter("counter-1", waiting.counterReference(), father))
                .isEqualTo(new Result.Refused(HealthProblem.UNKNOWN_REFERENCE));
    }

    /**
     * A request waiting at the counter keeps the person's number from other relatives for a week, not for good, and
     * never from the person themselves; a parent seen at the counter while the platform was away is registered when the
     * guardian asks again.
     */
    @Test
    void a_request_never_taken_to_the_counter_does_not_block_the_person_for_good() {
        Person stranger = citizen("钱多", LocalDate.of(1990, 1, 1), true);
        Person daughter = citizen("李娜", LocalDate.of(1978, 6, 6), false);
        LocalDate born = LocalDate.of(1950, 3, 3);
        String mother = CardSamples.idNumber(born, false);
        HealthCard waiting = done(cards.requestForParent(stranger.id(), "李秀英", mother));
        assertThat(cards.requestForParent(daughter.id(), "李秀英", mother))
                .isEqualTo(new Result.Refused(HealthProblem.HELD_ELSEWHERE));
        // a week later, nobody seen at the counter: the number is free for the daughter
        jdbc.sql("update health_card set created_at = :t where id = :id")
                .param("t", java.sql.Timestamp.from(java.time.Instant.now().minus(JdbcHealthCards.COUNTER_WAIT).minusSeconds(60)))
                .param("id", waiting.id()).update();
        HealthCard hers = done(cards.requestForParent(daughter.id(), "李秀英", mother));
        assertThat(hers.id()).isNotEqualTo(waiting.id());
        assertThat(cards.cards(stranger.id())).isEmpty();
        assertThat(cards.awaitingCounter(waiting.counterReference())).isEmpty();

        // the mother gets an account of her own: her application goes before any request for her
        CitizenId herself = org.citycard.health.RealNameCitizens.citizen(identities, inbox, "李秀英", mother);
        HealthCard own = done(cards.issueOwn(herself));
        assertThat(own.relation()).isEqualTo(HealthCard.Relation.SELF);
        assertThat(own.state()).isEqualTo(HealthCard.State.ACTIVE);
        assertThat(cards.cards(daughter.id())).isEmpty();

        // seen at the counter while the platform is away: the guardian asking again registers it
        Person son = citizen("王强", LocalDate.of(1972, 2, 2), true);
        String father = CardSamples.idNumber(LocalDate.of(1946, 4, 4), true);
        HealthCard request = done(cards.requestForParent(son.id(), "王建国", father));
        jdbc.sql("update health_card set state = 'REGISTERING', counter_ref = null where id = :id")
                .param("id", request.id()).update();
        HealthCard registered = done(cards.requestForParent(son.id(), "王建国", father));
        assertThat(registered.id()).isEqualTo(request.id());
        assertThat(registered.state()).isEqualTo(HealthCard.State.ACTIVE);
    }

    @Test
    void two_applications_for_one_person_at_once_make_one_card() throws Exception {
        Person a = citizen("孙悦", LocalDate.of(1988, 9, 9), false);
        String child = CardSamples.idNumber(LocalDate.of(2019, 3, 3), true);
        Person b = citizen("周杰", LocalDate.of(1987, 7, 7), true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.List<Future<Result>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                CitizenId who = i % 2 == 0 ? a.id() : b.id();
                results.add(pool.submit(() -> cards.addChild(who, "周小明", child, "P123456789")));
            }
            long done = 0;
            for (Future<Result> r : results) {
                done += r.get() instanceof Result.Done ? 1 : 0;
            }
            assertThat(done).isBetween(1L, 4L);
        } finally {
            pool.shutdown();
        }
        assertThat(cards.cards(a.id()).size() + cards.cards(b.id()).size()).isEqualTo(1);
    }

    @Test
    void a_grown_child_takes_over_the_card_a_parent_held_for_them() {
        Person parent = citizen("吴芳", LocalDate.of(1970, 5, 5), false);
        LocalDate born = LocalDate.now(ChinaTime.ZONE).minusYears(18).plusDays(30);
        String child = CardSamples.idNumber(born, true);
        HealthCard held = done(cards.addChild(parent.id(), "吴昊", child, "Q123456789"));
        // the child, now with an account of their own (a real-name check accepts the same number)
        CitizenId grown = org.citycard.health.RealNameCitizens.citizen(identities, inbox, "吴昊", child);
        HealthCard own = done(cards.issueOwn(grown));
        assertThat(own.id()).isEqualTo(held.id());
        assertThat(own.relation()).isEqualTo(HealthCard.Relation.SELF);
        assertThat(cards.cards(parent.id())).isEmpty();
        assertThat(UUID.fromString(own.id().toString())).isEqualTo(held.id());
    }
}
