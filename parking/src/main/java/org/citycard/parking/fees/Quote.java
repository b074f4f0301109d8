package org.citycard.parking.fees;

import java.time.Instant;
import java.util.List;

/**
 * A fee and how it was reached, line by line, for the driver to check: each day or night stretch with its units and
 * rate, then what the caps and the new-energy discount took off (negative amounts).
 *
 * @param windows the 24-hour windows (counted from the first entry) the stay began
 */
public record Quote(Instant entry, Instant exit, long minutes, List<Line> lines, int windows, long totalFen) {

    public Quote {
        lines = List.copyOf(lines);
    }

    public enum Kind {
        /** The whole stay within the free minutes. */
        FREE,
        /** The first period of day time in a 24-hour window. */
        FIRST,
        DAY,
        NIGHT,
        /** A night stretch's charge above the night cap, taken off. */
        NIGHT_CAP,
        /** A 24-hour window's charge above the cap (less what earlier stays in it paid), taken off. */
        CAP,
        /** What new-energy vehicles do not pay. */
        NEW_ENERGY
    }

    /**
     * @param units   the started units charged (1 for a first period, 0 for reductions)
     * @param unitFen the price of one unit (0 for reductions)
     */
    public record Line(Kind kind, Instant from, Instant to, long units, long unitFen, long amountFen) {
    }
}
