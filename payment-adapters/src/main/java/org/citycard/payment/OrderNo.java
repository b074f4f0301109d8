package org.citycard.payment;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An order number: {@code CC}, the city time to the second, 12 random digits (26 characters, digits after the
 * prefix), inside what WeChat Pay (6-32), Alipay (64) and UnionPay (8-40, letters and digits) accept.
 */
public record OrderNo(String value) {

    private static final Pattern FORMAT = Pattern.compile("CC\\d{24}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);
    private static final SecureRandom RANDOM = new SecureRandom();

    public OrderNo {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an order number");
        }
    }

    public static OrderNo next(Instant now) {
        return new OrderNo("CC" + TIME.format(now) + "%012d".formatted(RANDOM.nextLong(1_000_000_000_000L)));
    }

    /** Empty for anything that is not an order number: an unknown number is "not found", never an error. */
    public static Optional<OrderNo> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new OrderNo(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
