package org.citycard.parking.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.SplittableRandom;

import org.citycard.kernel.ChinaTime;
import org.junit.jupiter.api.Test;

/**
 * The fee engine: exact at the tariff's boundaries (free minutes, first period, units, day and night, caps), and three
 * properties over thousands of random tariffs, cars and stays (a fixed seed, printed with any counterexample): a
 * longer stay never costs less; no stay costs more than the cap times the 24-hour windows it began; the lines add up
 * to the total.
 */
class FeeEngineTest {

    private static final FeeRule TYPICAL = FeeRule.typical(); // 15 min free; day 07-21: first hour ¥5, ¥2/30 min;
    // night ¥1/hour, ¥10 a night at most; ¥40 per 24 hours; large ×2; new-energy half price

    private static Instant at(String when) {
        return LocalDateTime.parse(when).atZone(ChinaTime.ZONE).toInstant();
    }

    private static long fee(String entry, String exit) {
        return FeeEngine.quote(TYPICAL, Vehicle.SMALL, at(entry), at(exit)).totalFen();
    }

    @Test
    void free_minutes_first_period_and_units_are_exact_at_their_boundaries() {
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T08:15:00")).isZero();
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T08:15:01")).isEqualTo(500);
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T09:00:00")).isEqualTo(500);
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T09:00:01")).isEqualTo(700);
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T09:30:00")).isEqualTo(700);
        assertThat(fee("2026-12-07T08:00:00", "2026-12-07T09:30:01")).isEqualTo(900);
        // 08:10 to 19:45: the first hour, then 10 h 35 min in 22 started half hours, ¥49, which the ¥40 cap cuts
        var long_ = FeeEngine.quote(TYPICAL, Vehicle.SMALL, at("2026-12-07T08:10:00"), at("2026-12-07T19:45:00"));
        assertThat(long_.lines()).extracting(Quote.Line::kind)
                .containsExactly(Quote.Kind.FIRST, Quote.Kind.DAY, Quote.Kind.CAP);
        assertThat(long_.lines().get(1).units()).isEqualTo(22);
        assertThat(long_.lines().get(2).amountFen()).isEqualTo(4_000 - (500 + 22 * 200));
        assertThat(long_.totalFen()).isEqualTo(4_000);
    }

    @Test
    void day_and_night_split_at_the_tariffs_times_even_across_midnight() {
        // 20:30-21:00 is the first period (day), 21:00-21:30 one started night hour
        var quote = FeeEngine.quote(TYPICAL, Vehicle.SMALL, at("2026-12-07T20:30:00"), at("2026-12-07T21:30:00"));
        assertThat(quote.lines()).extracting(Quote.Line::kind).containsExactly(Quote.Kind.FIRST, Quote.Kind.NIGHT);
        assertThat(quote.totalFen()).isEqualTo(600);
        // a whole night, 21:00 to 07:00: ten hours at ¥1 is exactly the night cap
        assertThat(fee("2026-12-07T21:00:00", "2026-12-08T07:00:00")).isEqualTo(1_000);
        // 22:00 to 06:59:59 the next day: nine started hours
        assertThat(fee("2026-12-07T22:00:00", "2026-12-08T06:59:59")).isEqualTo(900);
        // into the morning: the night, then the day's first period at 07:00
        assertThat(fee("2026-12-07T21:00:00", "2026-12-08T07:00:01")).isEqualTo(1_000 + 500);
    }

    @Test
    void the_night_cap_and_the_24_hour_cap_take_off_what_is_above_them() {
        FeeRule dearNights = new FeeRule(0, LocalTime.of(7, 0), LocalTime.of(21, 0), 60, 500, 30, 200, 60, 300, 1_000,
                4_000, 200, 50, 15);
        var night = FeeEngine.quote(dearNights, Vehicle.SMALL, at("2026-12-07T21:00:00"), at("2026-12-08T07:00:00"));
        assertThat(night.totalFen()).isEqualTo(1_000);
        assertThat(night.lines()).extracting(Quote.Line::kind).containsExactly(Quote.Kind.NIGHT, Quote.Kind.NIGHT_CAP);
        assertThat(night.lines().get(1).amountFen()).isEqualTo(1_000 - 3_000);

        assertThat(fee("2026-12-07T08:00:00", "2026-12-08T08:00:00")).isEqualTo(4_000);
        // one second into the second window: its own first period
        assertThat(fee("2026-12-07T08:00:00", "2026-12-08T08:00:01")).isEqualTo(4_000 + 500);
        assertThat(fee("2026-12-07T08:00:00", "2026-12-10T08:00:00")).isEqualTo(3 * 4_000);
    }

    @Test
    void a_car_back_within_its_24_hours_shares_the_cap_with_its_earlier_stay() {
        var prior = new FeeEngine.Prior(at("2026-12-07T08:00:00"), 4_000);
        assertThat(FeeEngine.quote(TYPICAL, Vehicle.SMALL, at("2026-12-07T20:00:00"), at("2026-12-07T23:00:00"), prior)
                .totalFen()).isZero();
        var partly = new FeeEngine.Prior(at("2026-12-07T08:00:00"), 3_500);
        var quote = FeeEngine.quote(TYPICAL, Vehicle.SMALL, at("2026-12-07T12:00:00"), at("2026-12-07T18:00:00"), partly);
        assertThat(quote.totalFen()).isEqualTo(500);
        assertThat(quote.lines()).extracting(Quote.Line::kind).doesNotContain(Quote.Kind.FIRST);
        // after the window the cap is whole again, counted on from the first entry
        assertThat(FeeEngine.quote(TYPICAL, Vehicle.SMALL, at("2026-12-08T09:00:00"), at("2026-12-08T10:00:00"), prior)
                .totalFen()).isEqualTo(500);
    }

    @Test
    void large_vehicles_pay_the_percentage_and_new_energy_ones_the_discount() {
        assertThat(FeeEngine.quote(TYPICAL, new Vehicle(Vehicle.Size.LARGE, false), at("2026-12-07T08:00:00"),
                at("2026-12-07T09:30:00")).totalFen()).isEqualTo(1_400);
        var green = FeeEngine.quote(TYPICAL, new Vehicle(Vehicle.Size.SMALL, true), at("2026-12-07T08:00:00"),
                at("2026-12-07T09:30:00"));
        assertThat(green.totalFen()).isEqualTo(350);
        assertThat(green.lines().getLast().kind()).isEqualTo(Quote.Kind.NEW_ENERGY);
        assertThat(FeeEngine.quote(TYPICAL, new Vehicle(Vehicle.Size.LARGE, false), at("2026-12-07T08:00:00"),
                at("2026-12-09T08:00:00")).totalFen()).isEqualTo(2 * 8_000);
    }

    @Test
    void an_exit_before_the_entry_costs_nothing_and_a_broken_rule_is_refused() {
        assertThat(fee("2026-12-07T09:00:00", "2026-12-07T08:00:00")).isZero();
        FeeRule broken = new FeeRule(-1, LocalTime.NOON, LocalTime.MIDNIGHT, 60, 500, 0, 200, 60, 100, 0, 0, 50, 120, 15);
        assertThat(broken.problems()).containsExactly("freeMinutes", "dayUnitMinutes", "largePercent",
                "newEnergyPercent");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeeEngine.quote(broken, Vehicle.SMALL,
                at("2026-12-07T08:00:00"), at("2026-12-07T09:00:00"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static FeeRule randomRule(SplittableRandom random) {
        LocalTime start = LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
        LocalTime end = random.nextInt(10) == 0 ? start : LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
        return new FeeRule(random.nextInt(4) * 15, start, end, random.nextInt(5) * 30, random.nextLong(2_000),
                1 + random.nextInt(120), random.nextLong(1_000), 1 + random.nextInt(120), random.nextLong(1_000),
                random.nextInt(3) == 0 ? 0 : random.nextLong(5_000), random.nextInt(4) == 0 ? 0 : 1 + random.nextLong(20_000),
                100 + random.nextInt(300), random.nextInt(101), 15);
    }

    @Test
    void a_longer_stay_never_costs_less_and_no_stay_costs_more_than_the_cap_per_started_window() {
        long seed = 20261207L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 5_000; i++) {
            FeeRule rule = randomRule(random);
            Vehicle vehicle = new Vehicle(random.nextBoolean() ? Vehicle.Size.SMALL : Vehicle.Size.LARGE, random.nextBoolean());
            Instant entry = at("2026-12-01T00:00:00").plusSeconds(random.nextLong(30L * 24 * 3600));
            Instant shorter = entry.plusSeconds(random.nextLong(4L * 24 * 3600));
            Instant longer = shorter.plusSeconds(random.nextInt(3) == 0 ? 1 : random.nextLong(2L * 24 * 3600));
            String example = "seed " + seed + ", case " + i + ": " + rule + ", " + vehicle + ", " + entry + " to " + shorter
                    + " and " + longer;
            Quote a = FeeEngine.quote(rule, vehicle, entry, shorter);
            Quote b = FeeEngine.quote(rule, vehicle, entry, longer);
            assertThat(b.totalFen()).as(example).isGreaterThanOrEqualTo(a.totalFen());
            for (Quote q : new Quote[] {a, b}) {
                assertThat(q.lines().stream().mapToLong(Quote.Line::amountFen).sum()).as(example).isEqualTo(q.totalFen());
                assertThat(q.totalFen()).as(example).isNotNegative();
                long started = (Duration.between(q.entry(), q.exit()).toSeconds() + 24 * 3600 - 1) / (24 * 3600);
                if (rule.capFen() > 0) {
                    long cap = FeeEngine.scaled(rule.capFen(), vehicle.size() == Vehicle.Size.LARGE ? rule.largePercent() : 100);
                    assertThat(q.totalFen()).as(example).isLessThanOrEqualTo(cap * started);
                }
            }
        }
    }
}
