package org.citycard.parking;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.citycard.parking.fees.Vehicle;

/**
 * A Chinese licence plate and its colour, checked as the GA 36 standard writes them: a province character, the
 * issuing authority's letter, then five characters (seven in all) on blue, yellow, black and white plates, or six
 * with a D or F marking new energy (eight in all) on green and yellow-green ones. Written without spaces or dots.
 */
public record Plate(String text, Colour colour) {

    public enum Colour {
        BLUE, YELLOW, GREEN, YELLOW_GREEN, WHITE, BLACK
    }

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static final String AUTHORITY = "[A-HJ-Z]";
    private static final String SERIAL = "[A-HJ-NP-Z0-9]";
    private static final Pattern ORDINARY = Pattern.compile("[" + PROVINCES + "]" + AUTHORITY + SERIAL + "{5}");
    private static final Pattern SUFFIXED = Pattern.compile("[" + PROVINCES + "]" + AUTHORITY + SERIAL + "{4}[学挂警港澳]");
    private static final Pattern NEW_ENERGY_SMALL = Pattern.compile("[" + PROVINCES + "]" + AUTHORITY + "[DF]" + SERIAL + "[0-9]{4}");
    private static final Pattern NEW_ENERGY_LARGE = Pattern.compile("[" + PROVINCES + "]" + AUTHORITY + "[0-9]{5}[DF]");

    /** The plate as typed ("鄂B·12345", "鄂 b12345"), checked against its colour; empty when it is no such plate. */
    public static Optional<Plate> parse(String typed, Colour colour) {
        if (typed == null || colour == null || typed.length() > 20) {
            return Optional.empty();
        }
        String text = typed.replaceAll("[\\s·.\\-]", "").toUpperCase(Locale.ROOT);
        boolean fits = switch (colour) {
            case GREEN -> NEW_ENERGY_SMALL.matcher(text).matches() || NEW_ENERGY_LARGE.matcher(text).matches();
            case YELLOW_GREEN -> NEW_ENERGY_LARGE.matcher(text).matches();
            case BLUE -> ORDINARY.matcher(text).matches();
            case YELLOW -> ORDINARY.matcher(text).matches() || SUFFIXED.matcher(text).matches()
                    && (text.endsWith("学") || text.endsWith("挂"));
            case WHITE -> SUFFIXED.matcher(text).matches() && text.endsWith("警");
            case BLACK -> SUFFIXED.matcher(text).matches() && (text.endsWith("港") || text.endsWith("澳"));
        };
        return fits ? Optional.of(new Plate(text, colour)) : Optional.empty();
    }

    public boolean newEnergy() {
        return colour == Colour.GREEN || colour == Colour.YELLOW_GREEN;
    }

    /** What the tariff charges it as: yellow and yellow-green plates are large vehicles. */
    public Vehicle vehicle() {
        return new Vehicle(colour == Colour.YELLOW || colour == Colour.YELLOW_GREEN ? Vehicle.Size.LARGE
                : Vehicle.Size.SMALL, newEnergy());
    }

    /** "鄂B·1234*": how a plate is shown to anyone but its owner and staff. */
    public String masked() {
        return text.substring(0, 2) + "·" + text.substring(2, text.length() - 1) + "*";
    }
}
