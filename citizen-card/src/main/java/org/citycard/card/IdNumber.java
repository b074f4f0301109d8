package org.citycard.card;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An 18-digit resident identity number (GB 11643-1999): six-digit region code, birth date, sequence, and a
 * check character (ISO 7064 MOD 11-2). Personal data: {@link #toString()} is masked, so it never reaches a log
 * by accident; {@link #value()} is for encryption and lookup only.
 */
public final class IdNumber {

    /** Why a text is not an ID number, for a message the citizen understands. */
    public enum Problem { FORMAT, REGION, BIRTH_DATE, CHECKSUM }

    private static final Pattern FORMAT = Pattern.compile("\\d{17}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /** The ID number, or the first problem with it, judged as of {@code today}. */
    public static Optional<Problem> problem(String text, LocalDate today) {
        String v = normalise(text);
        if (!FORMAT.matcher(v).matches()) {
            return Optional.of(Problem.FORMAT);
        }
        char province = v.charAt(0);
        if (province < '1' || province > '9' || v.startsWith("00", 1)) {
            return Optional.of(Problem.REGION);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (birth.isBefore(EARLIEST) || birth.isAfter(today)) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (v.charAt(17) != checkCharacter(v)) {
            return Optional.of(Problem.CHECKSUM);
        }
        return Optional.empty();
    }

    public static Optional<IdNumber> parse(String text, LocalDate today) {
        return problem(text, today).isEmpty() ? Optional.of(new IdNumber(normalise(text))) : Optional.empty();
    }

    /** For values already validated (read back from storage). */
    public static IdNumber of(String value) {
        return parse(value, LocalDate.now()).orElseThrow(() -> new IllegalArgumentException("not an ID number"));
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    private static String normalise(String text) {
        return text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public String value() {
        return value;
    }

    public String regionCode() {
        return value.substring(0, 6);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /** The sex the number records (its 17th digit: odd for male, even for female). */
    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    public enum Sex {
        MALE, FEMALE
    }

    /** As shown everywhere: {@code 420202********1234}. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
