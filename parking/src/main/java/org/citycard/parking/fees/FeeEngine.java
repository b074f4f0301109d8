package org.citycard.parking.fees;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.citycard.kernel.ChinaTime;

/**
 * What a stay costs under a lot's {@link FeeRule}: a pure function of the rule, the vehicle and the times, with
 * every step in the quote's lines. The stay is cut into 24-hour windows from the (first) entry, each window into day
 * and night stretches at the tariff's times of day; a day stretch pays the window's first period once, then started
 * units; a night stretch pays started units up to the night cap; a window pays at most the cap, less what earlier
 * stays of the same car in that window paid. Large vehicles pay the rule's percentage of every price and cap; the
 * new-energy discount applies to the total. Amounts round half up to the fen.
 */
public final class FeeEngine {

    private static final Duration WINDOW = Duration.ofHours(24);

    private FeeEngine() {
    }

    /**
     * An earlier stay of the same car at the same lot whose 24-hour window the new entry falls in: the window goes on
     * from {@code windowStart}, and the cap is shared with what that stay paid.
     */
    public record Prior(Instant windowStart, long chargedFen) {
    }

    public static Quote quote(FeeRule rule, Vehicle vehicle, Instant entry, Instant exit) {
        return quote(rule, vehicle, entry, exit, null);
    }

    public static Quote quote(FeeRule rule, Vehicle vehicle, Instant entry, Instant exit, Prior prior) {
        if (!rule.problems().isEmpty()) {
            throw new IllegalArgumentException("the fee rule is not valid: " + rule.problems());
        }
        if (exit.isBefore(entry)) {
            exit = entry;
        }
        long seconds = Duration.between(entry, exit).toSeconds();
        long minutes = (seconds + 59) / 60;
        List<Quote.Line> lines = new ArrayList<>();
        if (minutes <= rule.freeMinutes()) {
            lines.add(new Quote.Line(Quote.Kind.FREE, entry, exit, 0, 0, 0));
            return new Quote(entry, exit, minutes, lines, minutes == 0 ? 0 : 1, 0);
        }
        int percent = vehicle.size() == Vehicle.Size.LARGE ? rule.largePercent() : 100;
        boolean shared = prior != null && !entry.isBefore(prior.windowStart())
                && entry.isBefore(prior.windowStart().plus(WINDOW));
        Instant windowStart = shared ? prior.windowStart() : entry;
        long total = 0;
        int windows = 0;
        for (Instant from = entry; from.isBefore(exit); windows++) {
            Instant windowEnd = windowStart.plus(WINDOW);
            Instant to = exit.isBefore(windowEnd) ? exit : windowEnd;
            boolean firstWindow = windows == 0;
            long paidBefore = firstWindow && shared ? prior.chargedFen() : 0;
            boolean firstUsed = firstWindow && shared && prior.chargedFen() > 0;
            long window = 0;
            for (Instant a = from; a.isBefore(to); ) {
                Instant b = nextChange(rule, a, to);
                boolean day = rule.isDay(a.atZone(ChinaTime.ZONE).toLocalTime());
                long stretch = Duration.between(a, b).toSeconds();
                if (day) {
                    long rest = stretch;
                    if (!firstUsed && rule.firstMinutes() > 0) {
                        long first = scaled(rule.firstFen(), percent);
                        Instant firstEnd = a.plusSeconds(Math.min(stretch, rule.firstMinutes() * 60L));
                        lines.add(new Quote.Line(Quote.Kind.FIRST, a, firstEnd, 1, first, first));
                        window += first;
                        rest = Math.max(0, stretch - rule.firstMinutes() * 60L);
                        firstUsed = true;
                    }
                    if (rest > 0) {
                        long unit = scaled(rule.dayUnitFen(), percent);
                        long units = (rest + rule.dayUnitMinutes() * 60L - 1) / (rule.dayUnitMinutes() * 60L);
                        lines.add(new Quote.Line(Quote.Kind.DAY, b.minusSeconds(rest), b, units, unit, units * unit));
                        window += units * unit;
                    }
                } else {
                    long unit = scaled(rule.nightUnitFen(), percent);
                    long units = (stretch + rule.nightUnitMinutes() * 60L - 1) / (rule.nightUnitMinutes() * 60L);
                    lines.add(new Quote.Line(Quote.Kind.NIGHT, a, b, units, unit, units * unit));
                    window += units * unit;
                    long cap = scaled(rule.nightCapFen(), percent);
                    if (rule.nightCapFen() > 0 && units * unit > cap) {
                        lines.add(new Quote.Line(Quote.Kind.NIGHT_CAP, a, b, 0, 0, cap - units * unit));
                        window -= units * unit - cap;
                    }
                }
                a = b;
            }
            if (rule.capFen() > 0) {
                long left = Math.max(0, scaled(rule.capFen(), percent) - paidBefore);
                if (window > left) {
                    lines.add(new Quote.Line(Quote.Kind.CAP, from, to, 0, 0, left - window));
                    window = left;
                }
            }
            total += window;
            from = to;
            windowStart = windowEnd;
        }
        if (vehicle.newEnergy() && rule.newEnergyPercent() < 100 && total > 0) {
            long pays = scaled(total, rule.newEnergyPercent());
            lines.add(new Quote.Line(Quote.Kind.NEW_ENERGY, entry, exit, 0, 0, pays - total));
            total = pays;
        }
        return new Quote(entry, exit, minutes, lines, windows, total);
    }

    /**
     * What the first period costs this vehicle (one day unit where the tariff has no first period), the new-energy
     * discount applied: what a lot charges for an exit no entry was ever seen for, when it charges for it.
     */
    public static long firstPeriodFen(FeeRule rule, Vehicle vehicle) {
        int percent = vehicle.size() == Vehicle.Size.LARGE ? rule.largePercent() : 100;
        long fee = scaled(rule.firstMinutes() > 0 ? rule.firstFen() : rule.dayUnitFen(), percent);
        return vehicle.newEnergy() && rule.newEnergyPercent() < 100 ? scaled(fee, rule.newEnergyPercent()) : fee;
    }

    /** The next time the tariff changes between day and night after {@code at}, or {@code limit} if sooner. */
    private static Instant nextChange(FeeRule rule, Instant at, Instant limit) {
        if (rule.dayStart().equals(rule.dayEnd())) {
            return limit;
        }
        ZonedDateTime here = at.atZone(ChinaTime.ZONE);
        Instant next = null;
        for (LocalTime boundary : List.of(rule.dayStart(), rule.dayEnd())) {
            ZonedDateTime candidate = here.with(boundary);
            if (!candidate.isAfter(here)) {
                candidate = candidate.plusDays(1);
            }
            if (next == null || candidate.toInstant().isBefore(next)) {
                next = candidate.toInstant();
            }
        }
        return next.isBefore(limit) ? next : limit;
    }

    /** {@code fen × percent / 100}, rounded half up. */
    static long scaled(long fen, int percent) {
        return (fen * percent + 50) / 100;
    }
}
