package org.citycard.parking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.UUID;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingAdministration.Result;
import org.citycard.parking.ParkingAdministration.Staff;
import org.citycard.parking.ParkingLots;
import org.citycard.parking.ParkingTestApplication;
import org.citycard.parking.fees.FeeRule;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Lots on PostgreSQL: found near a place nearest first with their free spaces, and managed by the city's parking
 * administrators and by each operator's staff for their own lots only.
 */
@SpringBootTest(classes = ParkingTestApplication.class)
class LotsOnPostgresTest {

    private static final PostgresSchema SCHEMA = new PostgresSchema();
    private static final Staff CITY = new Staff("parking", true);
    // 黄石广场, GCJ-02
    private static final GeoPoint SQUARE = new GeoPoint(30.2006, 115.0389);

    @Autowired
    ParkingAdministration administration;
    @Autowired
    ParkingLots lots;

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

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String operator() {
        String id = id("op");
        assertThat(administration.saveOperator(CITY, new ParkingAdministration.Operator(id, "城泊 " + id, true)))
                .isInstanceOf(Result.Done.class);
        return id;
    }

    private static Lot lot(String id, String operator, double northMetres, int capacity, int reserved) {
        return new Lot(id, operator, "停车场 " + id, Lot.Kind.OFF_STREET, "黄石市下陆区某路 1 号",
                new GeoPoint(SQUARE.lat() + northMetres / 111_195.0, SQUARE.lng()), capacity, reserved,
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, FeeRule.typical(), Lot.ExitWithoutEntry.FIRST_PERIOD);
    }

    @Test
    void lots_near_a_place_come_nearest_first_with_their_free_spaces_and_none_beyond_the_radius() {
        String operator = operator();
        String far = id("far");
        String near = id("near");
        String nearer = id("nearer");
        administration.saveLot(CITY, lot(far, operator, 5_000, 100, 0));
        administration.saveLot(CITY, lot(near, operator, 800, 200, 20));
        administration.saveLot(CITY, lot(nearer, operator, 300, 50, 0));
        assertThat(administration.reportOccupied(CITY, near, 150)).isEqualTo(new Result.Done<>(150));

        var found = lots.nearby(SQUARE, 1_000, 10).stream()
                .filter(n -> n.lot().operatorId().equals(operator)).toList();
        assertThat(found).extracting(n -> n.lot().id()).containsExactly(nearer, near);
        assertThat(found.get(0).distanceMetres()).isBetween(295, 305);
        assertThat(found.get(1).freeSpaces()).isEqualTo(200 - 20 - 150);
        assertThat(found.get(1).operatorName()).isEqualTo("城泊 " + operator);
        assertThat(found.get(0).openNow()).isTrue();
        assertThat(lots.free(nearer)).isEqualTo(50);
        // a count beyond the lot's capacity is refused, and free spaces never go below 0
        assertThat(administration.reportOccupied(CITY, near, 201)).isInstanceOf(Result.Refused.class);
        assertThat(administration.reportOccupied(CITY, near, 200)).isEqualTo(new Result.Done<>(200));
        assertThat(lots.free(near)).isZero();
    }

    @Test
    void an_operators_staff_see_and_change_only_their_own_lots() {
        String mine = operator();
        String theirs = operator();
        String staffName = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Staff staff = new Staff(staffName, false);
        assertThat(administration.assignStaff(staff, staffName, mine))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        assertThat(administration.assignStaff(CITY, staffName, mine)).isEqualTo(new Result.Done<>(mine));
        String own = id("own");
        String other = id("other");
        assertThat(administration.saveLot(staff, lot(own, mine, 100, 80, 0))).isInstanceOf(Result.Done.class);
        assertThat(administration.saveLot(CITY, lot(other, theirs, 120, 80, 0))).isInstanceOf(Result.Done.class);

        assertThat(administration.lots(staff)).extracting(Lot::id).containsExactly(own);
        assertThat(administration.operators(staff)).extracting(ParkingAdministration.Operator::id).containsExactly(mine);
        assertThat(administration.saveLot(staff, lot(other, theirs, 120, 90, 0)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        // nor can they take it over by naming their own operator
        assertThat(administration.saveLot(staff, lot(other, mine, 120, 90, 0)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        assertThat(administration.reportOccupied(staff, other, 10))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        assertThat(administration.saveOperator(staff, new ParkingAdministration.Operator(mine, "改名", true)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.FORBIDDEN));
        // an account no operator claims sees nothing
        assertThat(administration.lots(new Staff("nobody", false))).isEmpty();
    }

    @Test
    void bad_lots_are_refused_naming_what_is_wrong_and_nothing_is_written() {
        String operator = operator();
        String id = id("bad");
        assertThat(administration.saveLot(CITY, lot("Bad Id!", operator, 0, 10, 0)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.BAD_ID));
        assertThat(administration.saveLot(CITY, lot(id, operator, 0, 10, 11)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.BAD_CAPACITY));
        assertThat(administration.saveLot(CITY, lot(id, "no-such-operator", 0, 10, 0)))
                .isEqualTo(new Result.Refused<>(ParkingAdministration.Problem.UNKNOWN_OPERATOR));
        FeeRule broken = new FeeRule(-5, LocalTime.of(7, 0), LocalTime.of(21, 0), 60, 500, 0, 200, 60, 100, 0, 0, 200,
                50, 15);
        Lot withBrokenRule = new Lot(id, operator, "坏规则", Lot.Kind.ON_STREET, "某路", SQUARE, 10, 0, LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, broken, Lot.ExitWithoutEntry.STAFF);
        assertThat(administration.saveLot(CITY, withBrokenRule)).isEqualTo(new Result.Refused<>(
                ParkingAdministration.Problem.BAD_FEE_RULE, java.util.List.of("freeMinutes", "dayUnitMinutes")));
        assertThat(administration.lots(CITY)).extracting(Lot::id).doesNotContain(id);
    }

    @Test
    void a_browsers_wgs84_position_becomes_gcj02_a_few_hundred_metres_away_inside_china_only() {
        GeoPoint converted = GeoPoint.fromWgs84(30.2030, 115.0330);
        double shift = converted.metresTo(new GeoPoint(30.2030, 115.0330));
        assertThat(shift).isBetween(200.0, 800.0);
        assertThat(GeoPoint.fromWgs84(48.8566, 2.3522)).isEqualTo(new GeoPoint(48.8566, 2.3522));
    }
}
