package org.citycard.card;

/** Why a card operation was refused. */
public enum CardProblem {
    NOT_REAL_NAME,
    ALREADY_HAS_CARD,
    NO_CARD,
    NOT_ACTIVE,
    NOT_FROZEN,
    RECENT_SIGN_IN_REQUIRED,
    BALANCE_NOT_ZERO,
    REASON_REQUIRED,
    /** The reason is over {@value Cards#REASON_MAX} characters. */
    REASON_TOO_LONG,
    BAD_LINKED_NUMBER,
    ADDRESS_REQUIRED,
    /** The address is over {@value Cards#ADDRESS_MAX} characters. */
    ADDRESS_TOO_LONG,
    /** Text with control characters or broken characters (a NUL, half an emoji). */
    TEXT_UNREADABLE,
    PHYSICAL_ALREADY_REQUESTED,
    UNKNOWN_REQUEST,
    BAD_TRANSITION,
    STALE;

    public String code() {
        return "card." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
