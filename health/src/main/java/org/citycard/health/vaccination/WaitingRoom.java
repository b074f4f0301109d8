package org.citycard.health.vaccination;

import java.time.Duration;
import java.util.Optional;

import org.citycard.card.CitizenId;

/**
 * The waiting room in front of a crowded vaccine's booking: each person gets a number in the order they came (once:
 * joining again keeps the number), and the line is admitted from its head at a steady rate, so that the booking
 * behind it serves those admitted rather than everyone at once. Shared by every node (Redis) or kept in this process;
 * it serves the portal's plain waiting page and the API alike, keeping nothing per waiting person but their number.
 */
public interface WaitingRoom {

    /**
     * Where a person stands.
     *
     * @param number       their place in line (1 is the first who came)
     * @param ahead        how many are still ahead of them (0 once admitted)
     * @param admitted     whether they may book now
     * @param expectedWait how long until they are admitted, at the current rate
     * @param inLine       how many have joined in all
     */
    record Status(long number, long ahead, boolean admitted, Duration expectedWait, long inLine) {
    }

    /** Joins the line for the vaccine (or answers where one already stands); refused when one source tries too often. */
    Optional<Status> join(String vaccineId, CitizenId citizen, String source);

    /** Where the person stands, if they joined. */
    Optional<Status> status(String vaccineId, CitizenId citizen);

    /** Empties the line (an opening is over, or is to start afresh). */
    void clear(String vaccineId);
}
