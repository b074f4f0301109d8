package org.citycard.health.vaccination;

import java.time.Duration;
import java.util.Optional;

import org.citycard.card.CitizenId;

/**
 * The waiting room in front of a crowded vaccine's booking: each person gets a number in the order they came (once:
 * joining again keeps the number), and the line is admitted from its head at a steady rate, so that the booking
 * behind it serves those admitted rather than everyone at once. Shared by every node (Redis) or kept in this process;
 * it serves the portal's plain waiting page and the API alike, keeping nothing per waiting person but their number.
 * <p>
 * A line belongs to one opening of the vaccine ({@link Vaccination#opening}, the moment its slots opened for
 * booking): it is admitted from that moment, never before, and the next opening starts a new line, so that nobody is
 * admitted early because someone joined early, and no opening inherits the last one's numbers. The line opens
 * {@link #OPENS_BEFORE} ahead of its opening ({@link #open}); callers refuse to join it earlier.
 */
public interface WaitingRoom {

    /** How long before an opening its line may be joined. */
    Duration OPENS_BEFORE = Duration.ofMinutes(30);

    /** Whether the line of an opening may be joined now. */
    static boolean open(java.time.Instant opening, java.time.Instant now) {
        return !now.isBefore(opening.minus(OPENS_BEFORE));
    }

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

    /**
     * Joins the line of the vaccine's opening (or answers where one already stands); refused when one source tries too
     * often.
     */
    Optional<Status> join(String vaccineId, java.time.Instant opening, CitizenId citizen, String source);

    /** Where the person stands in the line of the vaccine's opening, if they joined it. */
    Optional<Status> status(String vaccineId, java.time.Instant opening, CitizenId citizen);

    /** Empties the line of an opening (to start it afresh). */
    void clear(String vaccineId, java.time.Instant opening);
}
