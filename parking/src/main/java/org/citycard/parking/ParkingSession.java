package org.citycard.parking;

import java.time.Instant;
import java.util.UUID;

/**
 * A car's stay at a lot, from its entry to its exit.
 *
 * @param entryAt null while an exit waits for an entry a gate may still send late
 * @param feeFen  what the stay costs, set once when it is billed (null before)
 * @param anomaly why staff must look at it ({@link State#ANOMALY}), or why it was billed as it was
 */
public record ParkingSession(UUID id, String lotId, Plate plate, Instant entryAt, Instant exitAt, State state,
                             Anomaly anomaly, Long feeFen, Instant billedAt, long paidFen) {

    public enum State {
        /** In the lot. */
        OPEN,
        /** Left, but no entry has been seen yet; decided per the lot once none can come any more. */
        AWAITING_ENTRY,
        /** Left and billed. */
        CLOSED,
        /** Waiting for staff. */
        ANOMALY
    }

    public enum Anomaly {
        /** Left with no entry seen: billed the first period, or sent to staff, as the lot says. */
        EXIT_WITHOUT_ENTRY,
        /** The car entered again while this stay was open: its exit was never seen. */
        NEW_ENTRY_WHILE_OPEN
    }
}
