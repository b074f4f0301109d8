package org.citycard.parking;

import java.time.Instant;

/**
 * What an operator's gate (or a street berth's sensor and attendant) saw: a car entering or leaving. Operators send
 * each event at least once and not always in order; {@code eventId} is theirs and the same event always carries it.
 *
 * @param photoRef where the operator keeps the camera's picture (we keep only the reference)
 */
public record GateEvent(String operatorId, String eventId, String lotId, String gate, Direction direction, Plate plate,
                        Instant at, String photoRef) {

    public enum Direction {
        ENTRY, EXIT
    }
}
