package org.citycard.card;

import java.util.Optional;

/**
 * A citizen card number: the city's prefix, a sequence, and a Luhn check digit, 19 digits in all (the length
 * of the bank-card-style numbers that card readers and staff already know).
 */
public record CardNumber(String value) {

    public static final int LENGTH = 19;

    public CardNumber {
        if (value == null || value.length() != LENGTH || !value.chars().allMatch(Character::isDigit)
                || luhnDigit(value.substring(0, LENGTH - 1)) != value.charAt(LENGTH - 1)) {
            throw new IllegalArgumentException("not a card number");
        }
    }

    /** The number with the given city prefix (4-8 digits) and sequence. */
    public static CardNumber issue(String cityPrefix, long sequence) {
        if (cityPrefix == null || !cityPrefix.matches("\\d{4,8}")) {
            throw new IllegalArgumentException("the city prefix must be 4 to 8 digits");
        }
        int width = LENGTH - 1 - cityPrefix.length();
        String body = cityPrefix + String.format("%0" + width + "d", sequence);
        if (body.length() != LENGTH - 1 || sequence < 0) {
            throw new IllegalArgumentException("sequence out of range for prefix " + cityPrefix);
        }
        return new CardNumber(body + luhnDigit(body));
    }

    public static Optional<CardNumber> parse(String text) {
        try {
            return Optional.of(new CardNumber(text == null ? null : text.replace(" ", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static char luhnDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** As printed on the card face: groups of four. */
    public String grouped() {
        return value.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }

    /** As shown in lists: prefix and last four only, {@code 4202 **** **** 1234}. */
    public String masked() {
        return value.substring(0, 4) + " **** **** " + value.substring(LENGTH - 4);
    }
}
