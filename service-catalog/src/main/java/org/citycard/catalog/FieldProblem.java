package org.citycard.catalog;

/**
 * A problem with one field of an entry, for the editor to show next to the field. {@code field} is a path
 * such as {@code name.en} or {@code guide.materials[2].name.zh}; {@code messageKey} is a message-bundle key.
 */
public record FieldProblem(String field, String messageKey) {
}
