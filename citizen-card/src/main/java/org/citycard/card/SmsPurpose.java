package org.citycard.card;

/** What a one-time SMS code proves; a code sent for one purpose is worthless for another. */
public enum SmsPurpose {
    REGISTER, SIGN_IN, RESET_PASSWORD, REAL_NAME
}
