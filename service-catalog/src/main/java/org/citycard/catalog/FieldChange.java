package org.citycard.catalog;

/** One field's value before and after a change; null means absent. */
public record FieldChange(String field, String before, String after) {
}
