package org.citycard.card;

import java.time.Instant;
import java.util.UUID;

/** A request for a physical card, as the citizen and the card office see it (address masked). */
public record PhysicalCardRequest(UUID id, CitizenId citizen, String cardNumberMasked, PhysicalCardStatus status,
                                  String addressMasked, Instant requestedAt, Instant updatedAt, int version) {
}
