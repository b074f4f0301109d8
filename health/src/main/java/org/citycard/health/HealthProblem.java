package org.citycard.health;

/** Why the health module refuses, each with a stable code for the API ({@code health.*}) and a sentence in the UI. */
public enum HealthProblem {
    /** Only a real-name citizen can hold e-health cards. */
    NOT_REAL_NAME,
    /** A name of 2 to 30 characters, Chinese or letters. */
    BAD_NAME,
    BAD_ID_NUMBER,
    /** A child's card is for someone under 18. */
    NOT_A_CHILD,
    /** A parent's card held for them is for someone 60 or older. */
    NOT_ELDERLY,
    /** One's own card is applied for as one's own, not as a dependant. */
    OWN_ID_NUMBER,
    /** A capital letter and 9 digits, as printed on the birth certificate (出生医学证明). */
    BAD_BIRTH_CERTIFICATE,
    /** This person's card is held by another account. */
    HELD_ELSEWHERE,
    /** At most five dependants' cards. */
    TOO_MANY_DEPENDANTS,
    /** The platform says the name does not match the ID number. */
    IDENTITY_MISMATCH,
    /** The platform says the birth certificate is not the child's. */
    BIRTH_CERTIFICATE_MISMATCH,
    UNKNOWN_CARD,
    /** The card is not active (closed, or still waiting for the counter). */
    CARD_NOT_ACTIVE,
    /** The provincial platform cannot be reached or its answer could not be trusted; try again later. */
    PLATFORM_UNAVAILABLE,
    /** No card waits at the counter with that reference. */
    UNKNOWN_REFERENCE,
    /** The ID card shown at the counter is not the one applied with. */
    COUNTER_MISMATCH,
    /** The code scanned is not an e-health card code. */
    CODE_INVALID,
    CODE_EXPIRED,
    /** A dynamic code shown a second time. */
    CODE_USED,
    /** The hospital's visit is unknown, or not theirs, or too old to bind a patient id to. */
    UNKNOWN_VISIT,
    /** A patient id of 1 to 32 letters, digits, dashes or underscores. */
    BAD_PATIENT_ID,
    /**
     * A charge: 1 to 50 items of 1 to 40 characters, each 0.01 to 50,000 yuan, at most 1,000,000 yuan in all (what one
     * payment may be); a reference of 1 to 32 letters and digits.
     */
    BAD_CHARGE,
    /** The hospital's reference was posted before with other items or another visit. */
    CHARGE_CONFLICT,
    UNKNOWN_CHARGE,
    /** The charge is paid or cancelled. */
    NOT_DUE,
    /** A payment for the charge is under way (on another phone, say): finish or wait for it. */
    PAYMENT_IN_PROGRESS,
    /** The card has vaccination bookings still live (held, confirmed, checked in): cancel them first. */
    LIVE_BOOKINGS;

    /** The API's problem code, e.g. {@code health.not-real-name}. */
    public String code() {
        return "health." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
