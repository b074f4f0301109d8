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
        BAD_KEY
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
