package org.citycard.catalog;

/** One fee item; {@code amountFen} is null when the amount depends on usage (a bill, a tariff). */
public record Fee(LocalizedText item, Long amountFen, LocalizedText basis) {
}
