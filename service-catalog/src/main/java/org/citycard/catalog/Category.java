package org.citycard.catalog;

/** A category of the catalog; {@code icon} names an icon of the portal's icon set. */
public record Category(String code, LocalizedText name, String icon, int sortOrder) {

    public static final String CODE_PATTERN = "[a-z][a-z0-9-]{1,31}";
    public static final int NAME_MAX_LENGTH = 100;
}
