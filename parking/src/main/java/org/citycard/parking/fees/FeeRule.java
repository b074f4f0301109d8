package org.citycard.parking.fees;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A lot's tariff, as parking companies publish it ("白天首小时 5 元，之后每 30 分钟 2 元；夜间每小时 1 元，每晚封顶
 * 10 元；24 小时封顶 40 元"). Prices are in fen for a small vehicle; times of day are China time.
 *
 * @param freeMinutes      a stay this long or shorter costs nothing (a longer one is charged from its start)
 * @param dayStart         when the day tariff begins; {@code dayStart == dayEnd} means the day tariff all the time
 * @param dayEnd           when the night tariff begins (the night may cross midnight)
 * @param firstMinutes     the first period of day time in each 24-hour window, charged {@code firstFen} whole
 *                         however little of it is used (0: no first period)
 * @param dayUnitMinutes   after the first period, day time is charged per started unit
 * @param nightUnitMinutes night time is charged per started unit
 * @param nightCapFen      the most one night's stretch costs (0: no cap)
 * @param capFen           the most any 24 hours counted from entry cost (0: no cap); re-entries within those 24
 *                         hours share it
 * @param largePercent     large vehicles pay this percentage of every price and cap (100 to 1,000)
 * @param newEnergyPercent new-energy vehicles pay this percentage of the total (0 to 100)
 * @param leaveMinutes     after paying, the minutes a car has to leave before charging resumes
 */
public record FeeRule(int freeMinutes, LocalTime dayStart, LocalTime dayEnd, int firstMinutes, long firstFen,
                      int dayUnitMinutes, long dayUnitFen, int nightUnitMinutes, long nightUnitFen, long nightCapFen,
                      long capFen, int largePercent, int newEnergyPercent, int leaveMinutes) {

    /** The most any price or cap may be: 10,000 yuan. */
    public static final long MAX_FEN = 1_000_000;

    /** What a lot charges unless its operator says otherwise: a typical city-centre tariff. */
    public static FeeRule typical() {
        return new FeeRule(15, LocalTime.of(7, 0), LocalTime.of(21, 0), 60, 500, 30, 200, 60, 100, 1_000, 4_000,
                200, 50, 15);
    }

    /** What is wrong with the rule, as field names; empty when the engine can charge with it. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "freeMinutes", freeMinutes >= 0 && freeMinutes <= 24 * 60);
        check(problems, "dayStart", dayStart != null && dayStart.getSecond() == 0 && dayStart.getNano() == 0);
        check(problems, "dayEnd", dayEnd != null && dayEnd.getSecond() == 0 && dayEnd.getNano() == 0);
        check(problems, "firstMinutes", firstMinutes >= 0 && firstMinutes <= 24 * 60);
        check(problems, "firstFen", firstFen >= 0 && firstFen <= MAX_FEN);
        check(problems, "dayUnitMinutes", dayUnitMinutes >= 1 && dayUnitMinutes <= 24 * 60);
        check(problems, "dayUnitFen", dayUnitFen >= 0 && dayUnitFen <= MAX_FEN);
        check(problems, "nightUnitMinutes", nightUnitMinutes >= 1 && nightUnitMinutes <= 24 * 60);
        check(problems, "nightUnitFen", nightUnitFen >= 0 && nightUnitFen <= MAX_FEN);
        check(problems, "nightCapFen", nightCapFen >= 0 && nightCapFen <= MAX_FEN);
        check(problems, "capFen", capFen >= 0 && capFen <= MAX_FEN);
        check(problems, "largePercent", largePercent >= 100 && largePercent <= 1_000);
        check(problems, "newEnergyPercent", newEnergyPercent >= 0 && newEnergyPercent <= 100);
        check(problems, "leaveMinutes", leaveMinutes >= 0 && leaveMinutes <= 120);
        return problems;
    }

    private static void check(List<String> problems, String field, boolean ok) {
        if (!ok) {
            problems.add(field);
        }
    }

    /** Whether this time of day is charged at the day tariff. */
    public boolean isDay(LocalTime time) {
        if (dayStart.equals(dayEnd)) {
            return true;
        }
        return dayStart.isBefore(dayEnd) ? !time.isBefore(dayStart) && time.isBefore(dayEnd)
                : !time.isBefore(dayStart) || time.isBefore(dayEnd);
    }
}
