package org.citycard.card;

import java.time.Instant;

/** One audited step in a citizen's card history: what, by whom (the citizen, or an administrator), and why. */
public record CardEvent(String action, String cardNumberMasked, String actor, String reason, Instant at) {
}
