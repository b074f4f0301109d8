package org.citycard.parking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.payment.PaymentOrder;

/**
 * A citizen's stays (those of the plates they hold) and paying for them through any channel: before leaving (the
 * fee so far; the lot's minutes to leave follow), at the exit, or afterwards. Orders are for the purpose
 * {@value #PURPOSE}.
 */
public interface ParkingPayments {

    String PURPOSE = "PARKING";

    /** A billed on-street stay still unpaid this long after leaving is arrears (欠费): shown, reminded, collected. */
    java.time.Duration ARREARS_AFTER = java.time.Duration.ofHours(1);

    /** The stays of the citizen's held plates, newest first, each with what is due now. */
    List<Stay> stays(CitizenId citizen, int limit);

    Optional<Stay> stay(CitizenId citizen, UUID sessionId);

    /**
     * Pays what is due for the stay, and with it the same plate's arrears (collected at the next payment); the order
     * is for the total.
     */
    Start start(CitizenId citizen, UUID sessionId, String idempotencyKey);

    /**
     * Paying at the lot (its QR code at the exit): the latest stay of the plate at that lot that has something due,
     * open or billed, paid by any signed-in citizen (a passenger, a relative); {@link Problem#UNKNOWN_SESSION} when
     * there is none. The fee so far is shown first ({@link #atLot}).
     */
    Start startAtLot(CitizenId citizen, String lotId, Plate plate, String idempotencyKey);

    /** What paying at the lot for the plate would cost now, when it has a stay there with something due. */
    Optional<Stay> atLot(String lotId, Plate plate);

    /** The stays of the citizen's plates that are arrears, oldest last. */
    List<Stay> arrears(CitizenId citizen);

    /**
     * @param dueFen what paying now would cost: the fee so far (open) or the fee (left), less what was paid
     */
    record Stay(ParkingSession session, String lotName, long dueFen, boolean paymentInProgress) {
    }

    enum Problem {
        /** No such stay of a plate the citizen holds. */
        UNKNOWN_SESSION, NOTHING_DUE,
        /** Another citizen's payment for the stay is awaited (a plate changed hands meanwhile). */
        PAYMENT_IN_PROGRESS, KEY_REUSED,
        /** A stay staff must decide first. */
        WITH_STAFF
    }

    sealed interface Start {
        record Created(PaymentOrder order, long amountFen) implements Start {
        }

        /** A payment for the stay is already awaited: its order again (a second tap, a retried request). */
        record Existing(PaymentOrder order, long amountFen) implements Start {
        }

        record Refused(Problem problem) implements Start {
        }
    }
}
