package org.citycard.parking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions made from the operators' gate events. Events come at least once and out of order: the same event again
 * changes nothing, a late entry joins the exit that waited for it, a repeated exit is noted, an exit with no entry
 * waits {@link #LATE_ENTRY_GRACE} for one, then is billed the lot's first period or sent to staff; a new entry while
 * a stay is open sends the old one to staff. Every session is billed exactly once.
 */
public interface ParkingSessions {

    /** How long an exit without an entry waits for a gate that was offline to send it. */
    Duration LATE_ENTRY_GRACE = Duration.ofMinutes(10);

    /** Applies one event; what it did. */
    Outcome receive(GateEvent event);

    /** Applies a request's events in one transaction, each car's in the order given; each one's outcome, in order. */
    List<Outcome> receiveAll(List<GateEvent> events);

    Optional<ParkingSession> session(UUID id);

    /** A plate's stays, newest first (for its owner and staff). */
    List<ParkingSession> ofPlate(Plate plate, int limit);

    /** Decides the exits whose wait for an entry is over (the job does this every minute); how many. */
    int decideWaiting(Instant now);

    enum Outcome {
        /** The car is in: a session opened. */
        OPENED,
        /** The car is in, and the stay it had open here went to staff (its exit was never seen). */
        OPENED_OLD_TO_STAFF,
        /** An older entry than the open stay's, sent late: it went to staff as a stay whose exit was never seen. */
        LATE_ENTRY_TO_STAFF,
        /** A late entry joined the exit that waited for it: billed. */
        JOINED_AND_BILLED,
        /** Left: billed. */
        BILLED,
        /** Left with no entry seen yet: waiting. */
        AWAITING_ENTRY,
        /** The same exit again (a gate that repeats), or an entry the open stay already has: nothing changed. */
        REPEATED,
        /** This event was received before: nothing changed. */
        DUPLICATE,
        /** Not applied: unknown lot, or the lot is not this operator's. */
        REFUSED
    }
}
