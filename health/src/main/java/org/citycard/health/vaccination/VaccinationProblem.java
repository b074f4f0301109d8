package org.citycard.health.vaccination;

/** Why vaccination refuses, each with a stable code for the API ({@code vaccination.*}) and a sentence in the UI. */
public enum VaccinationProblem {
    UNKNOWN_SLOT,
    /** The slot is not open for booking yet. */
    NOT_OPEN_YET,
    /** The slot's day has passed (or is too near to book). */
    TOO_LATE,
    /** No place left in the slot. */
    FULL,
    /** The person is not one of the booker's active e-health cards. */
    UNKNOWN_PERSON,
    /** Outside the vaccine's age band on the slot's day. */
    AGE,
    /** The series is complete. */
    SERIES_COMPLETE,
    /** The least days since the previous dose have not passed by the slot's day. */
    TOO_SOON,
    /** Later doses of this vaccine are given at the clinic of the first. */
    OTHER_CLINIC,
    /** The person already has a live booking for this vaccine. */
    ALREADY_BOOKED,
    UNKNOWN_BOOKING,
    /** The booking cannot do that now (it is not held, or no longer live). */
    WRONG_STATE,
    /** Cancelling (and so freeing the place) is possible until the day before. */
    PAST_CUT_OFF,
    /** A self-paid vaccine is confirmed by paying. */
    PAY_FIRST,
    /** Too many tries from one place in a short time; wait a little. */
    SLOW_DOWN,
    /** This vaccine is booked through the waiting room: join the line, and book once admitted. */
    NOT_ADMITTED,
    /** Not this staff member's clinic. */
    FORBIDDEN,
    /** No booking today at this clinic for the card shown. */
    NOT_BOOKED_HERE,
    /** A batch number of 1 to 32 letters and digits, an injection site from the list. */
    BAD_DOSE,
    /** A dose not given needs its reason, from the list. */
    NO_REASON,
    UNKNOWN_CERTIFICATE,
    /** The e-health card code is not valid (used, expired, not a code). */
    BAD_CODE,
    /** The provincial platform cannot be reached now. */
    PLATFORM_UNAVAILABLE,
    /** A clinic, vaccine or slot with fields out of range. */
    BAD_INPUT;

    public String code() {
        return "vaccination." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
