package org.citycard.kernel;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * An amount of money in fen (分), the only way CityCard holds money: one formatter for people ({@link #display},
 * {@code ¥1,234.50}), one for channels and forms ({@link #yuan}, {@code 1234.50}) and one parser of yuan
 * ({@link #parseYuan}) that takes at most two decimals and never rounds.
 */
public record Fen(long value) {

    public static Fen of(long fen) {
        return new Fen(fen);
    }

    /** {@code 1234.50}, {@code -0.05}: plain yuan with two decimals, no grouping, as channels and forms write it. */
    public String yuan() {
        return BigDecimal.valueOf(value, 2).toPlainString();
    }

    /** {@code ¥1,234.50}, {@code -¥0.05}: how every page shows money. */
    public String display() {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String amount = format.format(BigDecimal.valueOf(Math.abs(value), 2));
        return (value < 0 ? "-¥" : "¥") + amount;
    }

    /** {@code +12.34}, {@code -12.34}: a change to a balance. */
    public String signed() {
        return (value >= 0 ? "+" : "") + yuan();
    }

    /** Yuan with at most two decimals ({@code 12}, {@code 12.3}, {@code 12.30}), exactly; anything else is empty. */
    public static Optional<Fen> parseYuan(String yuan) {
        if (yuan == null || yuan.isBlank() || !yuan.strip().matches("[+-]?\\d{1,15}(\\.\\d{1,20})?")) {
            return Optional.empty();
        }
        return parseYuan(new BigDecimal(yuan.strip()));
    }

    /** {@link #parseYuan(String)} for a number a field already read. */
    public static Optional<Fen> parseYuan(BigDecimal yuan) {
        if (yuan == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Fen(yuan.movePointRight(2).longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
