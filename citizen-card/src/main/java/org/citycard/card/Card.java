package org.citycard.card;

import java.time.Instant;
import java.util.UUID;

/** A virtual citizen card, with the numbers of the sector cards linked to it (empty strings when not linked). */
public record Card(UUID id, CitizenId holder, CardNumber number, CardStatus status, Instant issuedAt,
                   Instant statusChangedAt, String socialSecurityNo, String busCardNo, String healthCardId) {
}
