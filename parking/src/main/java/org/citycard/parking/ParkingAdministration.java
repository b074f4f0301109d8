package org.citycard.parking;

import java.util.List;
import java.util.Optional;

/**
 * What staff do to parking. The city's {@code PARKING_ADMIN} manages operators, their staff and every lot; an
 * operator's {@code PARKING_OPERATOR} staff see and change only their own operator's lots (and cannot give a lot
 * to another operator). Every change is kept with who made it.
 */
public interface ParkingAdministration {

    /** Who is asking, as the console knows them. */
    record Staff(String username, boolean cityAdmin) {
    }

    record Operator(String id, String name, boolean enabled) {
    }

    List<Operator> operators(Staff staff);

    Result<Operator> saveOperator(Staff staff, Operator operator);

    /**
     * Registers the public key an operator's systems sign their gate-event feeds with (Base64 X.509, RSA of 2,048 bits
     * or more); city admins only. The previous key stops being believed at once.
     */
    Result<String> setOperatorKey(Staff staff, String operatorId, String publicKey);

    /** Gives a staff account to an operator (city admins only); its {@code PARKING_OPERATOR} role comes from its account. */
    Result<String> assignStaff(Staff staff, String username, String operatorId);

    /** The operator a staff account belongs to, if any. */
    Optional<String> operatorOf(String username);

    List<Lot> lots(Staff staff);

    /** Creates the lot or changes it; occupancy stays as counted. */
    Result<Lot> saveLot(Staff staff, Lot lot);

    /** A lot's own full count of taken spaces (corrects what gate events drifted); staff of its operator or admins. */
    Result<Integer> reportOccupied(Staff staff, String lotId, int occupied);

    /** Stays waiting for staff (exits without entry, stays whose exit was never seen), oldest first; own lots only. */
    List<ParkingSession> anomalies(Staff staff, int limit);

    /**
     * Decides a stay that waits for staff: what it costs (0 waives it), and why; billed once like any other stay.
     * Staff of the lot's operator, or city admins.
     */
    Result<ParkingSession> resolve(Staff staff, java.util.UUID sessionId, long feeFen, String reason);

    /** The vehicle licence a claimant uploaded (media type and image), for city admins deciding the claim. */
    Optional<Licence> licence(Staff staff, java.util.UUID claimId);

    record Licence(String mediaType, byte[] image) {
    }

    /** Plates claimed by a second citizen, waiting for a decision (city admins only). */
    List<Claim> claims(Staff staff);

    /**
     * Decides a claim (city admins only): granted, the plate moves to the claimant (the holder loses it); refused,
     * the claim ends. The decision is kept with who made it and why.
     */
    Result<Claim> decideClaim(Staff staff, java.util.UUID claimId, boolean grant, String reason);

    /**
     * @param holderSince when the current holder bound it (null when nobody holds it any more)
     */
    record Claim(java.util.UUID id, Plate plate, java.time.Instant claimedAt, java.time.Instant holderSince,
                 boolean licenceUploaded) {
    }

    /** Days after a monthly pass runs out during which its plate still parks free, unless the seller says otherwise. */
    int DEFAULT_PASS_GRACE_DAYS = 3;

    /** The longest grace an operator may give after a pass. */
    int MAX_PASS_GRACE_DAYS = 15;

    /**
     * Sells a monthly pass (月卡) for a plate at a lot, from one day to another (inclusive, China days, at most a
     * year), with the days after it during which the plate still parks free (0 to {@link #MAX_PASS_GRACE_DAYS}: each
     * operator's own terms); staff of the lot's operator or city admins.
     */
    Result<Pass> addPass(Staff staff, String lotId, String plate, Plate.Colour colour, java.time.LocalDate from,
                         java.time.LocalDate until, int graceDays);

    /** The passes of the staff member's lots still valid or in their grace period, soonest ending first. */
    List<Pass> passes(Staff staff);

    record Pass(java.util.UUID id, String lotId, String plate, java.time.LocalDate validFrom, java.time.LocalDate validUntil,
                int graceDays) {

        /** The last day the plate parks free: the pass's last day and its grace days. */
        public java.time.LocalDate freeUntil() {
            return validUntil.plusDays(graceDays);
        }
    }

    /** Each of the staff member's lots with its spaces taken now. */
    List<Occupancy> occupancy(Staff staff);

    record Occupancy(Lot lot, int occupied) {
        public int free() {
            return Math.max(0, lot.offered() - occupied);
        }
    }

    enum Problem {
        /** Not this staff member's operator or lot, or a city admin's task. */
        FORBIDDEN,
        UNKNOWN_OPERATOR,
        UNKNOWN_LOT,
        /** 2 to 32 lower-case letters, digits and dashes. */
        BAD_ID,
        BAD_NAME,
        BAD_ADDRESS,
        BAD_POSITION,
        /** Capacity 1 to 100,000; reserved 0 to capacity; occupancy 0 to capacity. */
        BAD_CAPACITY,
        BAD_HOURS,
        /** The fee rule's fields named in {@link Result.Refused#fields()}. */
        BAD_FEE_RULE,
        BAD_USERNAME,
        /** Not a Base64 X.509 RSA public key of at least 2,048 bits. */
        BAD_KEY,
        UNKNOWN_SESSION,
        /** The stay is not waiting for staff (billed already, or still open). */
        NOT_WITH_STAFF,
        /** A fee of 0 to 10,000 yuan. */
        BAD_FEE,
        REASON_REQUIRED,
        UNKNOWN_CLAIM,
        /** Not a plate of that colour. */
        BAD_PLATE,
        /** From no later than until, at most a year apart. */
        BAD_DATES,
        /** Grace days 0 to {@link #MAX_PASS_GRACE_DAYS}. */
        BAD_GRACE
    }

    sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {
        }

        record Refused<T>(Problem problem, List<String> fields) implements Result<T> {
            public Refused(Problem problem) {
                this(problem, List.of());
            }
        }
    }
}
