package org.citycard.catalog;

/** Why the catalog refused an administrative action. Each has a stable message key {@code catalog.rejected.<name>}. */
public enum Rejection {
    NOT_FOUND,
    INVALID,
    INCOMPLETE_GUIDE,
    WRONG_STATE,
    SAME_EDITOR,
    NOT_PERMITTED,
    CONFLICT,
    ALREADY_EXISTS,
    IN_USE;

    public String messageKey() {
        return "catalog.rejected." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
