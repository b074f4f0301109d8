package org.citycard.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.payment.PaymentOrder;

/**
 * What a hospital charges at a visit (a consultation, medicine, an examination), paid from the phone by the card's
 * holder for the purpose {@value #PURPOSE}. The hospital posts the charge against one of its own recent visits (so it
 * can only charge a card it has seen) with its own reference, once (posting again answers the same charge), and asks
 * whether it is paid; the holder sees it under the card and pays through any channel. Paid once: a second payment
 * (another phone, a late notification) or one for a charge cancelled meanwhile is given back in full.
 */
public interface HealthCharges {

    String PURPOSE = "HEALTH_CHARGE";
    long MAX_ITEM_FEN = 5_000_000;
    int MAX_ITEMS = 50;

    enum Kind {
        CONSULTATION, PHARMACY, EXAMINATION
    }

    enum State {
        DUE, PAID, CANCELLED
    }

    record Item(String name, long amountFen) {
    }

    record Charge(String id, UUID cardId, String cardNameMasked, String hospitalName, String hospitalRef, Kind kind,
                  long amountFen, List<Item> items, State state, boolean paymentInProgress, Instant createdAt,
                  Instant paidAt) {
    }

    Posted post(HospitalDesk.Hospital hospital, UUID visitId, String hospitalRef, Kind kind, List<Item> items);

    sealed interface Posted {
        record Created(Charge charge) implements Posted {
        }

        record Existing(Charge charge) implements Posted {
        }

        record Refused(HealthProblem problem) implements Posted {
        }
    }

    /** One of the hospital's own charges; another hospital's is unknown. */
    Optional<Charge> charge(HospitalDesk.Hospital hospital, String id);

    /** A charge of a card the citizen holds; anyone else's is unknown. */
    Optional<Charge> charge(CitizenId holder, String id);

    /** The hospital withdraws a charge not paid yet; a payment arriving after that is given back. */
    Optional<HealthProblem> cancel(HospitalDesk.Hospital hospital, String id);

    /** The charges of the cards the citizen holds: due first, then the latest paid or cancelled. */
    List<Charge> charges(CitizenId holder, int limit);

    /** An order for a due charge (the one under way when there is one, for the same citizen). */
    Start start(CitizenId holder, String chargeId, String idempotencyKey);

    sealed interface Start {
        record Created(PaymentOrder order) implements Start {
        }

        record Existing(PaymentOrder order) implements Start {
        }

        record Refused(HealthProblem problem) implements Start {
        }
    }
}
