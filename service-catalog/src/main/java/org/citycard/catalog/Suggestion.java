package org.citycard.catalog;

/** A service proposed while the citizen is still typing. */
public record Suggestion(ServiceCode code, LocalizedText name) {
}
