package org.citycard.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The day of a channel's statement, read from what the channel says about a payment or refund: its success time
 * (China time) or its settlement date. Null when the channel said nothing readable; the order then falls back to
 * the day we recorded it, and a match in a statement corrects it.
 */
public final class StatementDays {

    public static final ZoneId CHINA = org.citycard.kernel.ChinaTime.ZONE;

    private StatementDays() {
    }

    /** An RFC 3339 time ({@code 2026-11-21T23:59:58+08:00}, WeChat Pay's {@code success_time}). */
    public static LocalDate ofTime(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).atZoneSameInstant(CHINA).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A time already in China time, {@code yyyy-MM-dd HH:mm:ss} (Alipay's {@code gmt_payment}). */
    public static LocalDate ofChinaTime(String chinaTime) {
        if (chinaTime == null || chinaTime.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(chinaTime.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static LocalDate of(java.util.Date instant) {
        return instant == null ? null : LocalDate.ofInstant(instant.toInstant(), CHINA);
    }

    /**
     * A settlement date without its year ({@code MMDD}, UnionPay's {@code settleDate}): the year that puts it
     * nearest to {@code now}, so 0101 read on 31 December is next year's.
     */
    public static LocalDate ofMonthDay(String mmdd, Instant now) {
        if (mmdd == null || !mmdd.matches("\\d{4}")) {
            return null;
        }
        MonthDay monthDay;
        try {
            monthDay = MonthDay.of(Integer.parseInt(mmdd.substring(0, 2)), Integer.parseInt(mmdd.substring(2)));
        } catch (java.time.DateTimeException e) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        LocalDate best = null;
        for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
            if (!monthDay.isValidYear(year)) {
                continue;
            }
            LocalDate candidate = monthDay.atYear(year);
            if (best == null || Math.abs(candidate.toEpochDay() - today.toEpochDay())
                    < Math.abs(best.toEpochDay() - today.toEpochDay())) {
                best = candidate;
            }
        }
        return best;
    }
}
