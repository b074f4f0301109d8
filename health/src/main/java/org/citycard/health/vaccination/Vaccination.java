package org.citycard.health.vaccination;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.payment.PaymentOrder;

/**
 * Booking vaccinations, for the citizen and the family members whose e-health cards they hold: find a slot, hold a
 * place (for {@link #HOLD}), confirm it (free vaccines) or pay for it (self-paid ones), cancel until the day before.
 * One live booking per person and vaccine; the next dose of a series only when its interval has passed, and at the
 * clinic of the first when the vaccine says so. Every read is the booker's own.
 */
public interface Vaccination {

    /** How long a held place is kept for confirming or paying. */
    Duration HOLD = Duration.ofMinutes(5);

    List<Clinic> clinics();

    List<Vaccine> vaccines();

    Optional<Vaccine> vaccine(String id);

    /** Whether the vaccine is booked through the {@link WaitingRoom} (a hold needs admission first). */
    boolean waitingRoom(String vaccineId);

    /**
     * The opening the vaccine's waiting room serves now: the next moment its slots open for booking once it is less
     * than {@link WaitingRoom#OPENS_BEFORE} away, else the latest moment its slots still to come opened, else the next;
     * empty when it has no slot to come.
     */
    Optional<java.time.Instant> opening(String vaccineId);

    /**
     * The latest moment the vaccine's slots still to come opened for booking, if any has: its line still admits to those
     * slots while the next opening's line fills. A hold needs admission in the line of its slot's own opening; joining
     * puts a person in both lines.
     */
    Optional<java.time.Instant> openedLast(String vaccineId);

    /** The vaccine's slots from one day to another (inclusive), at one clinic or all (null), soonest first. */
    List<Slot> slots(String vaccineId, String clinicId, LocalDate from, LocalDate to);

    /** For each of the booker's active e-health cards: which dose of the vaccine is next, from when, where, or why not. */
    List<Eligibility> eligibility(CitizenId booker, String vaccineId);

    /**
     * @param nextDose  the dose a booking would be for (0 when none can be)
     * @param earliest  the first day the next dose may be given
     * @param clinicId  the clinic the next dose must be at, when the vaccine says so (else null)
     * @param problem   why no booking can be made, or null
     */
    record Eligibility(UUID cardId, String personNameMasked, String relation, int nextDose, LocalDate earliest,
                       String clinicId, VaccinationProblem problem) {
    }

    /** Holds a place in the slot for one of the booker's cards. */
    Result hold(CitizenId booker, UUID cardId, UUID slotId);

    /**
     * Whether this node heard in the last second that the slot has no place left: what {@link #hold} answers first,
     * from memory, for anyone. Only ever a reason to refuse: nothing is taken on it, and a slot not known here is not
     * full as far as this says (the gate and the database decide).
     */
    boolean knownFull(UUID slotId);

    /** Confirms a held booking of a free vaccine. */
    Result confirm(CitizenId booker, UUID bookingId);

    /** The order paying a held booking of a self-paid vaccine (the one under way, when there is one). */
    PayStart pay(CitizenId booker, UUID bookingId, String idempotencyKey);

    /** Gives the place back (held or confirmed, until the day before); a paid booking is refunded. */
    Result cancel(CitizenId booker, UUID bookingId);

    List<Booking> bookings(CitizenId booker, int limit);

    Optional<Booking> booking(CitizenId booker, UUID id);

    sealed interface Result {
        record Done(Booking booking) implements Result {
        }

        record Refused(VaccinationProblem problem) implements Result {
        }
    }

    sealed interface PayStart {
        record Created(PaymentOrder order) implements PayStart {
        }

        record Existing(PaymentOrder order) implements PayStart {
        }

        record Refused(VaccinationProblem problem) implements PayStart {
        }
    }
}
