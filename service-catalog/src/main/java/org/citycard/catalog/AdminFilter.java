package org.citycard.catalog;

/** Filters of the admin console's catalog grid; null means any. {@code text} matches code or names. */
public record AdminFilter(String text, String category, ServiceStatus status) {

    public static final AdminFilter ALL = new AdminFilter(null, null, null);
}
