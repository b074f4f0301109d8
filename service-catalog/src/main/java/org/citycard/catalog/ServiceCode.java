package org.citycard.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service item code in the national style (GB/T 39554.1): six-digit region, two-letter department,
 * item type and four-digit serial, e.g. {@code 420200HB-GG-0012}.
 */
public record ServiceCode(String value) implements Comparable<ServiceCode> {

    public static final int MAX_LENGTH = 16;
    private static final Pattern FORMAT = Pattern.compile("\\d{6}[A-Z]{2}-[A-Z]{2}-\\d{4}");

    public ServiceCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a service code: " + value);
        }
    }

    public static ServiceCode of(String value) {
        return new ServiceCode(value);
    }

    /** The code, or empty when the text is not a well-formed code (user input). */
    public static Optional<ServiceCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip().toUpperCase(java.util.Locale.ROOT);
        return FORMAT.matcher(trimmed).matches() ? Optional.of(new ServiceCode(trimmed)) : Optional.empty();
    }

    public String region() {
        return value.substring(0, 6);
    }

    public String department() {
        return value.substring(6, 8);
    }

    public String itemType() {
        return value.substring(9, 11);
    }

    public int serial() {
        return Integer.parseInt(value.substring(12));
    }

    @Override
    public int compareTo(ServiceCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
