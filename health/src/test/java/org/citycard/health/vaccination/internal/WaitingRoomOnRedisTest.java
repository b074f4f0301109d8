package org.citycard.health.vaccination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.health.HealthTestApplication;
import org.citycard.health.vaccination.Slot;
import org.citycard.health.vaccination.Vaccination.Result;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.health.vaccination.WaitingRoom;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The waiting room and the slot gate in Redis, as several nodes share them, in front of PostgreSQL: numbers given
 * once in the order people came, only the admitted may hold, a full slot answered by Redis alone, and a gate that
 * lost its counts (Redis restarted) or holds wrong ones never lets a slot be overbooked.
 */
@SpringBootTest(classes = HealthTestApplication.class, properties = {"citycard.card.sms.sender=INBOX",
        "citycard.vaccination.expire-every=PT1H", "citycard.vaccination.shared-state=redis",
        "citycard.vaccination.admit-burst=3", "citycard.vaccination.admit-per-second=0.001",
        "citycard.vaccination.per-source-per-minute=1000", "citycard.vaccination.holds-per-citizen-per-minute=1000"})
class WaitingRoomOnRedisTest extends VaccinationBookingTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    WaitingRoom room;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    org.citycard.card.RateLimits limits;

    @BeforeAll
    static void needs() {
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

    private String crowdedVaccine() {
        String id = id("hpv");
        assertThat(admin.saveVaccine(CITY, new Vaccine(id, "九价 HPV 疫苗", Vaccine.Kind.PROGRAMME, 0, 1, 9 * 12, 45 * 12,
                List.of(), false))).isEmpty();
        assertThat(admin.setWaitingRoom(CITY, id, true)).isEmpty();
        return id;
    }

    /**
     * Redis away (restarting, or not yet back): joining the line and asking where one stands fail as "busy for a
     * moment" (the API answers 503 with Retry-After, the waiting page keeps refreshing), never as a defect (500).
     */
    @Test
    void with_redis_away_the_line_fails_as_busy_for_a_moment_not_as_a_defect() {
        io.lettuce.core.RedisClient nowhere = io.lettuce.core.RedisClient.create(io.lettuce.core.RedisURI.builder()
                .withHost("127.0.0.1").withPort(1).withTimeout(java.time.Duration.ofSeconds(2)).build());
        try (RedisWaitingRoom away = new RedisWaitingRoom(() -> nowhere, new Line(3, 1), limits, 10)) {
            var someone = org.citycard.card.CitizenId.random();
            Instant opening = Instant.now();
            Throwable join = org.assertj.core.api.Assertions.catchThrowable(
                    () -> away.join("hpv-9", opening, someone, "203.0.113.7"));
            Throwable status = org.assertj.core.api.Assertions.catchThrowable(() -> away.status("hpv-9", opening, someone));
            assertThat(join).isNotNull();
            assertThat(org.citycard.kernel.Busy.in(join)).as(join.toString()).isTrue();
            assertThat(org.citycard.kernel.Busy.in(status)).as(String.valueOf(status)).isTrue();
        } finally {
            nowhere.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }

    @Test
    void people_are_numbered_once_in_the_order_they_came_and_only_the_admitted_may_hold() {
        String clinic = clinic();
        String vaccine = crowdedVaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(3), 20);
        List<Person> people = people(5, LocalDate.of(1990, 3, 3));
        assertThat(vaccination.hold(people.getFirst().citizen(), people.getFirst().card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.NOT_ADMITTED));
        // the line is the one of the slot's opening (a minute ago)
        Instant opening = vaccination.opening(vaccine).orElseThrow();
        assertThat(opening).isEqualTo(slot.opensAt());
        List<Long> numbers = new ArrayList<>();
        for (Person p : people) {
            numbers.add(room.join(vaccine, opening, p.citizen(), "10.0.0.1").orElseThrow().number());
        }
        assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(room.join(vaccine, opening, people.get(1).citizen(), "10.0.0.1").orElseThrow().number()).isEqualTo(2);
        WaitingRoom.Status fourth = room.status(vaccine, opening, people.get(3).citizen()).orElseThrow();
        assertThat(fourth.admitted()).isFalse();
        assertThat(fourth.ahead()).isEqualTo(1);
        assertThat(fourth.inLine()).isEqualTo(5);
        assertThat(vaccination.hold(people.get(3).citizen(), people.get(3).card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.NOT_ADMITTED));
        assertThat(vaccination.hold(people.get(2).citizen(), people.get(2).card().id(), slot.id()))
                .isInstanceOf(Result.Done.class);
        room.clear(vaccine, opening);
        assertThat(room.status(vaccine, opening, people.get(2).citizen())).isEmpty();
    }

    /**
     * Someone joining early is never let in before the booking opens, and the next opening starts a new line: numbers
     * and admissions of the last one count for nothing there (a line started at the first join had let everyone in by
     * the time the booking opened).
     */
    @Test
    void a_line_admits_nobody_before_its_opening_and_each_opening_has_its_own_line() throws InterruptedException {
        String clinic = clinic();
        String vaccine = crowdedVaccine();
        Slot earlier = slot(clinic, vaccine, today().plusDays(3), 20);
        List<Person> people = people(2, LocalDate.of(1991, 4, 4));
        Instant first = vaccination.opening(vaccine).orElseThrow();
        assertThat(room.join(vaccine, first, people.get(0).citizen(), "10.0.0.2").orElseThrow().admitted()).isTrue();
        // the next opening is in ten minutes: its line may be joined now, and serves the vaccine from now on
        Instant next = Instant.now().plus(java.time.Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(admin.addSlots(CITY, clinic, vaccine, today().plusDays(10), today().plusDays(10),
                List.<LocalTime[]>of(new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(9, 0)}), 20, next))
                .isEqualTo(new VaccinationAdmin.SlotsAdded.Added(1));
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        while (!vaccination.opening(vaccine).orElseThrow().equals(next) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(vaccination.opening(vaccine)).contains(next);
        WaitingRoom.Status early = room.join(vaccine, next, people.get(1).citizen(), "10.0.0.2").orElseThrow();
        assertThat(early.number()).isEqualTo(1);
        assertThat(early.admitted()).isFalse();
        assertThat(early.expectedWait()).isGreaterThan(java.time.Duration.ofMinutes(9));
        // the person admitted in the last opening's line is not in this one, and still books that opening's slots
        assertThat(room.status(vaccine, next, people.get(0).citizen())).isEmpty();
        assertThat(vaccination.openedLast(vaccine)).contains(first);
        assertThat(vaccination.hold(people.get(0).citizen(), people.get(0).card().id(), earlier.id()))
                .isInstanceOf(Result.Done.class);
        // the newcomer, in the next opening's line only, is not admitted to the slots of the one under way
        assertThat(vaccination.hold(people.get(1).citizen(), people.get(1).card().id(), earlier.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.NOT_ADMITTED));
        assertThat(WaitingRoom.open(next, Instant.now())).isTrue();
        assertThat(WaitingRoom.open(next.plus(java.time.Duration.ofHours(1)), Instant.now())).isFalse();
    }

    @Test
    void a_gate_that_forgot_its_counts_or_holds_wrong_ones_never_lets_a_slot_be_overbooked() throws Exception {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(4), 4);
        List<Person> people = people(12, LocalDate.of(1970, 6, 6));
        assertThat(vaccination.hold(people.get(0).citizen(), people.get(0).card().id(), slot.id())).isInstanceOf(Result.Done.class);
        String key = "citycard:vaccination:slot:" + slot.id() + ":left";
        assertThat(redis.opsForValue().get(key)).isEqualTo("3");
        // Redis restarted: the count is gone; then it comes back wrong (far too many places)
        redis.delete(key);
        assertThat(vaccination.hold(people.get(1).citizen(), people.get(1).card().id(), slot.id())).isInstanceOf(Result.Done.class);
        redis.opsForValue().set(key, "1000");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Result>> tries = new ArrayList<>();
        try {
            for (Person p : people.subList(2, people.size())) {
                tries.add(pool.submit(() -> vaccination.hold(p.citizen(), p.card().id(), slot.id())));
            }
            long held = 0;
            for (Future<Result> t : tries) {
                held += t.get() instanceof Result.Done ? 1 : 0;
            }
            assertThat(held).isEqualTo(2);
        } finally {
            pool.shutdown();
        }
        assertThat(booked(slot)).isEqualTo(4);
        // the database said full: the gate now answers that by itself
        assertThat(redis.opsForValue().get(key)).isEqualTo("0");
        Person late = person(LocalDate.of(1999, 9, 9), true);
        assertThat(vaccination.hold(late.citizen(), late.card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.FULL));
        // a place given back is offered again
        var first = vaccination.bookings(people.get(0).citizen(), 1).getFirst();
        assertThat(vaccination.cancel(people.get(0).citizen(), first.id())).isInstanceOf(Result.Done.class);
        assertThat(redis.opsForValue().get(key)).isEqualTo("1");
        assertThat(vaccination.hold(late.citizen(), late.card().id(), slot.id())).isInstanceOf(Result.Done.class);
        assertThat(booked(slot)).isEqualTo(4);
    }

    @Test
    void holds_while_redis_keeps_dropping_its_clients_are_answered_and_every_place_is_sold_once() throws Exception {
        String clinic = clinic();
        String vaccine = vaccine();
        Slot slot = slot(clinic, vaccine, today().plusDays(6), 10);
        List<Person> people = people(30, LocalDate.of(1960, 3, 3));
        java.util.concurrent.atomic.AtomicBoolean rushing = new java.util.concurrent.atomic.AtomicBoolean(true);
        // Redis drops every client again and again (as at a restart) while people try, twice each
        Thread dropper = Thread.ofPlatform().start(() -> {
            var client = io.lettuce.core.RedisClient.create(io.lettuce.core.RedisURI.create(
                    RequiredServices.REDIS_HOST, RequiredServices.REDIS_PORT));
            try (var killer = client.connect()) {
                while (rushing.get()) {
                    killer.sync().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal());
                    Thread.sleep(15);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                client.shutdown();
            }
        });
        long held;
        try {
            held = everyoneTriesTwice(people, slot);
        } finally {
            rushing.set(false);
            dropper.join();
        }
        assertThat(held).isBetween(1L, 10L);
        // a place the gate lost count of (its give-back cut off with the connection) is offered again: people who try
        // on find every place taken, exactly
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(8).toNanos();
        while (held < 10 && System.nanoTime() < deadline) {
            Thread.sleep(400);
            held += everyoneTriesTwice(people, slot);
        }
        assertThat(held).isEqualTo(10);
        assertThat(booked(slot)).isEqualTo(10);
        Person late = person(LocalDate.of(2001, 1, 1), true);
        assertThat(vaccination.hold(late.citizen(), late.card().id(), slot.id()))
                .isEqualTo(new Result.Refused(VaccinationProblem.FULL));
    }
}
