package org.citycard.parking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.citycard.card.CitizenId;

/**
 * The plates a citizen binds (up to {@link #MAX_PLATES}). One plate has one owner: a plate another citizen holds is
 * claimed, and the claim waits for staff (with the vehicle licence, a later step) while the holder keeps it.
 */
public interface ParkingPlates {

    int MAX_PLATES = 3;

    Result bind(CitizenId citizen, String typed, Plate.Colour colour);

    /** False when the plate is not the citizen's. */
    boolean unbind(CitizenId citizen, UUID plateId);

    /** The most a seamless payment may take from the wallet for one stay: ¥500. */
    long MAX_SEAMLESS_CAP_FEN = 50_000;

    /**
     * Turns seamless payment (无感支付) on or off for a plate the citizen holds: each stay is paid from the wallet when
     * it is billed, up to the cap, with a message; false when the plate is not held by the citizen or the cap is not
     * 1 fen to {@link #MAX_SEAMLESS_CAP_FEN}.
     */
    boolean setSeamless(CitizenId citizen, UUID plateId, boolean on, long capFen);

    /** The largest vehicle licence picture a claimant may upload: 1 MB (a phone photo, compressed). */
    int MAX_LICENCE_BYTES = 1024 * 1024;

    /**
     * The vehicle licence (行驶证) for a claimed plate, for staff to decide the claim: a JPEG or PNG of at most
     * {@link #MAX_LICENCE_BYTES}, kept encrypted, replaced by a later upload, deleted 90 days after the decision.
     */
    LicenceResult uploadLicence(CitizenId citizen, UUID plateId, byte[] image);

    enum LicenceResult {
        STORED, UNKNOWN_PLATE, NOT_CLAIMED, NOT_AN_IMAGE, TOO_LARGE
    }

    /** The citizen's plates, held and claimed. */
    List<BoundPlate> plates(CitizenId citizen);

    /**
     * @param state ACTIVE (held: its stays are the citizen's), PENDING_REVIEW (claimed; another citizen holds it)
     */
    record BoundPlate(UUID id, Plate plate, String state, boolean seamless, long seamlessCapFen, Instant boundAt) {
    }

    enum Problem {
        BAD_PLATE, TOO_MANY_PLATES, ALREADY_BOUND
    }

    sealed interface Result {
        record Bound(BoundPlate plate) implements Result {
        }

        /** Another citizen holds the plate: the claim waits for staff. */
        record Claimed(BoundPlate plate) implements Result {
        }

        record Refused(Problem problem) implements Result {
        }
    }
}
