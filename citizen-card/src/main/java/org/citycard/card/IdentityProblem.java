package org.citycard.card;

/** Why an identity request was refused; each has a message in both languages and a stable API code. */
public enum IdentityProblem {
    BAD_PHONE,
    BAD_CODE,
    CODE_EXPIRED,
    TOO_MANY_ATTEMPTS,
    SMS_TOO_SOON,
    SMS_DAILY_LIMIT,
    /** Too many codes asked for by this account, session or address in the last hour. */
    SMS_TOO_MANY,
    /** An anonymous page must run the human check ({@link HumanCheck}) before another code is sent. */
    HUMAN_CHECK_REQUIRED,
    PHONE_TAKEN,
    WEAK_PASSWORD,
    BAD_CREDENTIALS,
    SIGN_IN_LOCKED,
    BAD_NAME,
    ID_NUMBER_FORMAT,
    ID_NUMBER_REGION,
    ID_NUMBER_BIRTH_DATE,
    ID_NUMBER_CHECKSUM,
    ID_NUMBER_TAKEN,
    PHONE_MISMATCH,
    ALREADY_REAL_NAME,
    LINK_CODE_INVALID,
    LOGIN_LINKED_ELSEWHERE,
    ALREADY_LINKED,
    NOT_LINKED,
    LAST_SIGN_IN_METHOD,
    UNKNOWN_CITIZEN,
    SMS_UNAVAILABLE;

    /** The API's error code, e.g. {@code identity.id-number-checksum}. */
    public String code() {
        return "identity." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
