package org.citycard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Dates and instants the API is asked about: ISO-8601, of this century or the next (2000 to 2199). A date such as
 * +999999999-12-31 parses, and then overflows whatever is computed with it: refused here as bad input, a 400.
 */
public final class TimeParams {

    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2199;

    private TimeParams() {
    }

    /** An ISO date such as 2026-12-07, within the years above. */
    public static LocalDate date(String name, String text) {
        try {
            LocalDate date = LocalDate.parse(text == null ? "" : text);
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                throw ApiProblem.badParameter(name, name + " is a date between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
            }
            return date;
        } catch (java.time.DateTimeException e) { // unreadable, or beyond what an instant can be
            throw ApiProblem.badParameter(name, name + " is an ISO date such as 2026-12-07.");
        }
    }

    /** An ISO-8601 instant such as 2026-12-07T00:10:00Z, within the years above. */
    public static Instant instant(String name, String text) {
        try {
            Instant instant = Instant.parse(text == null ? "" : text);
            int year = instant.atOffset(ZoneOffset.UTC).getYear();
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw ApiProblem.badParameter(name, name + " is an instant between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
            }
            return instant;
        } catch (java.time.DateTimeException e) { // unreadable, or beyond what an instant can be
            throw ApiProblem.badParameter(name, name + " is an ISO-8601 instant such as 2026-12-07T00:10:00Z.");
        }
    }
}
