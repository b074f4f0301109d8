package org.citycard.parking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.kernel.ChinaTime;
import org.citycard.parking.GateEvent;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingSession;
import org.citycard.parking.ParkingSessions;
import org.citycard.parking.ParkingSessions.Outcome;
import org.citycard.parking.ParkingTestApplication;
import org.citycard.parking.Plate;
import org.citycard.parking.fees.FeeRule;
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
 * Sessions from gate events, the way operators send them: twice, out of order, late, with exits that repeat and
 * exits nobody saw enter, from many threads at once. Every session is billed exactly once. Run on PostgreSQL and on
 * the embedded H2 alike ({@link SessionsOnPostgresTest}, {@link SessionsOnH2Test}).
 */
abstract class GateEventSessionsTest {

    private static final ParkingAdministration.Staff CITY = new ParkingAdministration.Staff("parking", true);

    @Autowired
    ParkingAdministration administration;
    @Autowired
    ParkingSessions sessions;
    @Autowired
    JdbcClient jdbc;

    private record Place(String operator, String lot) {
    }

    private Place place(Lot.ExitWithoutEntry orphans) {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveOperator(CITY, new ParkingAdministration.Operator(operator, "城泊", true));
        String lot = "lot-" + UUID.randomUUID().toString().substring(0, 8);
        administration.saveLot(CITY, new Lot(lot, operator, "测试停车场", Lot.Kind.OFF_STREET, "某路 1 号",
                new GeoPoint(30.2, 115.0), 100, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(), orphans));
        return new Place(operator, lot);
    }

    private static int serial = 10_000;

    private static synchronized Plate plate() {
        return new Plate("鄂B" + (serial++), Plate.Colour.BLUE);
    }

    private static Instant at(String when) {
        return LocalDateTime.parse(when).atZone(ChinaTime.ZONE).toInstant();
    }

    private static GateEvent event(Place p, String id, GateEvent.Direction direction, Plate plate, Instant at) {
        return new GateEvent(p.operator(), id, p.lot(), direction == GateEvent.Direction.ENTRY ? "in-1" : "out-1",
                direction, plate, at, "photos/" + id + ".jpg");
    }

    private ParkingSession only(Plate plate) {
        List<ParkingSession> all = sessions.ofPlate(plate, 10);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @Test
    void a_stay_is_billed_once_at_its_exit_and_the_same_events_again_change_nothing() {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Plate car = plate();
        GateEvent in = event(p, "e1", GateEvent.Direction.ENTRY, car, at("2026-12-07T08:00:00"));
        GateEvent out = event(p, "e2", GateEvent.Direction.EXIT, car, at("2026-12-07T09:30:00"));
        assertThat(sessions.receive(in)).isEqualTo(Outcome.OPENED);
        assertThat(only(car).state()).isEqualTo(ParkingSession.State.OPEN);
        assertThat(sessions.receive(in)).isEqualTo(Outcome.DUPLICATE);
        assertThat(sessions.receive(out)).isEqualTo(Outcome.BILLED);
        assertThat(sessions.receive(out)).isEqualTo(Outcome.DUPLICATE);
        // the exit camera sends it again under a new id a few seconds later
        assertThat(sessions.receive(event(p, "e3", GateEvent.Direction.EXIT, car, at("2026-12-07T09:30:04"))))
                .isEqualTo(Outcome.REPEATED);
        ParkingSession stay = only(car);
        assertThat(stay.state()).isEqualTo(ParkingSession.State.CLOSED);
        assertThat(stay.feeFen()).isEqualTo(700);
        assertThat(stay.billedAt()).isNotNull();
    }

    @Test
    void an_exit_sent_before_its_entry_waits_for_it_and_is_billed_when_it_comes() {
        Place p = place(Lot.ExitWithoutEntry.STAFF);
        Plate car = plate();
        assertThat(sessions.receive(event(p, "x1", GateEvent.Direction.EXIT, car, at("2026-12-07T12:00:00"))))
                .isEqualTo(Outcome.AWAITING_ENTRY);
        assertThat(only(car).state()).isEqualTo(ParkingSession.State.AWAITING_ENTRY);
        assertThat(sessions.receive(event(p, "n1", GateEvent.Direction.ENTRY, car, at("2026-12-07T10:00:00"))))
                .isEqualTo(Outcome.JOINED_AND_BILLED);
        ParkingSession stay = only(car);
        assertThat(stay.entryAt()).isEqualTo(at("2026-12-07T10:00:00"));
        assertThat(stay.feeFen()).isEqualTo(500 + 2 * 200);
        // deciding waits later finds nothing of it
        sessions.decideWaiting(Instant.now().plus(Duration.ofHours(1)));
        assertThat(only(car).feeFen()).isEqualTo(900);
    }

    @Test
    void an_exit_no_entry_ever_came_for_costs_the_first_period_or_goes_to_staff_as_the_lot_says() {
        Place charging = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Place asking = place(Lot.ExitWithoutEntry.STAFF);
        Plate a = plate();
        Plate b = plate();
        sessions.receive(event(charging, "x", GateEvent.Direction.EXIT, a, at("2026-12-07T12:00:00")));
        sessions.receive(event(asking, "x", GateEvent.Direction.EXIT, b, at("2026-12-07T12:00:00")));
        sessions.decideWaiting(Instant.now());
        assertThat(only(a).state()).as("not before the grace").isEqualTo(ParkingSession.State.AWAITING_ENTRY);
        sessions.decideWaiting(Instant.now().plus(ParkingSessions.LATE_ENTRY_GRACE).plusSeconds(1));
        assertThat(only(a).feeFen()).isEqualTo(500);
        assertThat(only(a).anomaly()).isEqualTo(ParkingSession.Anomaly.EXIT_WITHOUT_ENTRY);
        assertThat(only(b).state()).isEqualTo(ParkingSession.State.ANOMALY);
        assertThat(only(b).feeFen()).isNull();
        // an entry arriving after the decision changes nothing already billed
        sessions.receive(event(charging, "n", GateEvent.Direction.ENTRY, a, at("2026-12-07T08:00:00")));
        assertThat(sessions.ofPlate(a, 10)).filteredOn(s -> s.feeFen() != null).singleElement()
                .satisfies(s -> assertThat(s.feeFen()).isEqualTo(500));
    }

    @Test
    void a_new_entry_while_a_stay_is_open_sends_the_old_one_to_staff() {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Plate car = plate();
        sessions.receive(event(p, "n1", GateEvent.Direction.ENTRY, car, at("2026-12-07T08:00:00")));
        assertThat(sessions.receive(event(p, "n2", GateEvent.Direction.ENTRY, car, at("2026-12-07T18:00:00"))))
                .isEqualTo(Outcome.OPENED_OLD_TO_STAFF);
        assertThat(sessions.receive(event(p, "x2", GateEvent.Direction.EXIT, car, at("2026-12-07T19:00:00"))))
                .isEqualTo(Outcome.BILLED);
        List<ParkingSession> stays = sessions.ofPlate(car, 10);
        assertThat(stays).extracting(ParkingSession::state)
                .containsExactlyInAnyOrder(ParkingSession.State.ANOMALY, ParkingSession.State.CLOSED);
        assertThat(stays).filteredOn(s -> s.state() == ParkingSession.State.ANOMALY).singleElement()
                .satisfies(s -> assertThat(s.anomaly()).isEqualTo(ParkingSession.Anomaly.NEW_ENTRY_WHILE_OPEN));
    }

    @Test
    void a_car_back_within_24_hours_shares_the_cap_with_its_earlier_stay() {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Plate car = plate();
        sessions.receive(event(p, "n1", GateEvent.Direction.ENTRY, car, at("2026-12-07T08:00:00")));
        sessions.receive(event(p, "x1", GateEvent.Direction.EXIT, car, at("2026-12-07T20:00:00")));
        sessions.receive(event(p, "n2", GateEvent.Direction.ENTRY, car, at("2026-12-07T21:00:00")));
        sessions.receive(event(p, "x2", GateEvent.Direction.EXIT, car, at("2026-12-07T23:00:00")));
        assertThat(sessions.ofPlate(car, 10)).extracting(ParkingSession::feeFen).containsExactly(0L, 4_000L);
    }

    @Test
    void another_operators_events_for_a_lot_are_refused_and_kept_nowhere() {
        Place mine = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Place theirs = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        GateEvent forged = new GateEvent(theirs.operator(), "f1", mine.lot(), "in-1", GateEvent.Direction.ENTRY, plate(),
                Instant.now(), null);
        assertThat(sessions.receive(forged)).isEqualTo(Outcome.REFUSED);
        assertThat(jdbc.sql("select count(*) from parking_event where event_id = 'f1'").query(Long.class).single()).isZero();
    }

    @Test
    void sixty_cars_events_sent_twice_shuffled_from_eight_threads_bill_every_stay_exactly_once() throws Exception {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        List<GateEvent> events = new ArrayList<>();
        List<Plate> cars = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Plate car = plate();
            cars.add(car);
            Instant in = at("2026-12-07T08:00:00").plusSeconds(i * 60L);
            events.add(event(p, "in-" + i, GateEvent.Direction.ENTRY, car, in));
            events.add(event(p, "out-" + i, GateEvent.Direction.EXIT, car, in.plus(Duration.ofMinutes(90))));
        }
        List<GateEvent> deliveries = new ArrayList<>(events);
        deliveries.addAll(events);
        Collections.shuffle(deliveries, new java.util.Random(5));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
                        sessions.receive(deliveries.get(i));
                    }
                    return null;
                });
            }
        }
        for (Plate car : cars) {
            // exits first made some wait; their entries joined them: one billed stay per car whatever the order
            assertThat(sessions.ofPlate(car, 10)).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(ParkingSession.State.CLOSED);
                assertThat(s.feeFen()).isEqualTo(700);
            });
        }
        assertThat(jdbc.sql("select count(*) from parking_event where lot_id = :lot").param("lot", p.lot())
                .query(Long.class).single()).isEqualTo(120);
    }

    @Test
    void a_monthly_pass_and_its_grace_days_cost_nothing_and_a_stay_running_past_them_pays_from_their_end() {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Plate car = plate();
        var staff = new ParkingAdministration.Staff("op-" + UUID.randomUUID().toString().substring(0, 6), false);
        assertThat(administration.addPass(staff, p.lot(), car.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 30), 3))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        assertThat(administration.addPass(CITY, p.lot(), car.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 30), java.time.LocalDate.of(2026, 11, 1), 3))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.BAD_DATES));
        assertThat(administration.addPass(CITY, p.lot(), car.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 30), 16))
                .isEqualTo(new ParkingAdministration.Result.Refused<>(ParkingAdministration.Problem.BAD_GRACE));
        assertThat(administration.addPass(CITY, p.lot(), car.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 30), 3))
                .isInstanceOf(ParkingAdministration.Result.Done.class);
        // within the grace days (the pass ran out on 30 November; three days more)
        sessions.receive(event(p, "a1", GateEvent.Direction.ENTRY, car, at("2026-12-02T08:00:00")));
        sessions.receive(event(p, "a2", GateEvent.Direction.EXIT, car, at("2026-12-02T09:30:00")));
        // in on the last grace evening, out the next morning: charged from midnight
        sessions.receive(event(p, "b1", GateEvent.Direction.ENTRY, car, at("2026-12-03T20:00:00")));
        sessions.receive(event(p, "b2", GateEvent.Direction.EXIT, car, at("2026-12-04T09:30:00")));
        long afterGrace = org.citycard.parking.fees.FeeEngine.quote(FeeRule.typical(),
                org.citycard.parking.fees.Vehicle.SMALL, at("2026-12-04T00:00:00"), at("2026-12-04T09:30:00")).totalFen();
        assertThat(sessions.ofPlate(car, 10)).extracting(ParkingSession::feeFen).containsExactly(afterGrace, 0L);
        assertThat(afterGrace).isPositive();
    }

    @Test
    void each_pass_keeps_the_grace_days_it_was_sold_with() {
        Place p = place(Lot.ExitWithoutEntry.FIRST_PERIOD);
        Plate none = plate();
        Plate week = plate();
        assertThat(administration.addPass(CITY, p.lot(), none.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 30), 0))
                .isInstanceOf(ParkingAdministration.Result.Done.class);
        var weekPass = administration.addPass(CITY, p.lot(), week.text(), Plate.Colour.BLUE,
                java.time.LocalDate.of(2026, 11, 1), java.time.LocalDate.of(2026, 11, 30), 7);
        assertThat(weekPass).isInstanceOf(ParkingAdministration.Result.Done.class);
        for (Plate car : List.of(none, week)) {
            String e = car == none ? "n" : "w";
            sessions.receive(event(p, e + "1", GateEvent.Direction.ENTRY, car, at("2026-12-01T08:00:00")));
            sessions.receive(event(p, e + "2", GateEvent.Direction.EXIT, car, at("2026-12-01T09:30:00")));
            sessions.receive(event(p, e + "3", GateEvent.Direction.ENTRY, car, at("2026-12-07T08:00:00")));
            sessions.receive(event(p, e + "4", GateEvent.Direction.EXIT, car, at("2026-12-07T09:30:00")));
        }
        long stay = org.citycard.parking.fees.FeeEngine.quote(FeeRule.typical(),
                org.citycard.parking.fees.Vehicle.SMALL, at("2026-12-01T08:00:00"), at("2026-12-01T09:30:00")).totalFen();
        assertThat(sessions.ofPlate(none, 10)).extracting(ParkingSession::feeFen).containsExactly(stay, stay);
        assertThat(sessions.ofPlate(week, 10)).extracting(ParkingSession::feeFen).containsExactly(0L, 0L);
        // free until the last grace day (read from the pass sold: the staff's list drops it after that day)
        assertThat(((ParkingAdministration.Result.Done<ParkingAdministration.Pass>) weekPass).value().freeUntil())
                .isEqualTo(java.time.LocalDate.of(2026, 12, 7));
    }
}
