package org.citycard.card;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland mobile number. Personal data: {@link #toString()} is masked ({@code 138****5678}).
 */
public final class PhoneNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private final String value;

    private PhoneNumber(String value) {
        this.value = value;
    }

    public static Optional<PhoneNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        }
        return MOBILE.matcher(digits).matches() ? Optional.of(new PhoneNumber(digits)) : Optional.empty();
    }

    public String value() {
        return value;
    }

    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && other.value.equals(value);
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
