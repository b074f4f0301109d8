package org.citycard.health.vaccination;

import java.util.List;
import java.util.UUID;

/**
 * At the clinic (CLINIC_STAFF, their own clinic only): the day's bookings, checking a person in by scanning their
 * e-health card, and recording the dose given (batch, site), which issues the e-vaccination certificate.
 */
public interface ClinicDesk {

    /** Where on the body a dose went. */
    enum Site {
        LEFT_ARM, RIGHT_ARM, LEFT_THIGH, RIGHT_THIGH, ORAL
    }

    /** Why a checked-in person left without the dose. */
    enum NotGiven {
        /** Put off by the doctor (a fever, an illness): the person books again later. */
        DEFERRED,
        /** The vaccine is not for this person. */
        CONTRAINDICATED,
        /** The person (or their guardian) decided against it. */
        DECLINED,
        /**
         * The day ended with the person checked in and no dose recorded (closed at night, not chosen at the desk): not
         * refunded by itself, since a dose may have been given and not written down; the clinic and finance decide.
         */
        NOT_RECORDED
    }

    /** The clinic's bookings of the day, live or not. */
    List<Booking> today(VaccinationAdmin.Staff staff, String clinicId);

    /**
     * The card shown (its dynamic or fixed code) has a confirmed booking here today: checked in (each of them, when the
     * person came for two vaccines the same day; the answer is the first).
     */
    Vaccination.Result checkIn(VaccinationAdmin.Staff staff, String clinicId, String eHealthCode);

    /** A checked-in booking's dose given: recorded, stock lowered, the certificate issued. */
    Given vaccinate(VaccinationAdmin.Staff staff, UUID bookingId, String batch, Site site);

    /**
     * A checked-in booking ended without the dose, for one of the desk's reasons (not {@link NotGiven#NOT_RECORDED}):
     * the person may book the vaccine again, and what they paid for it (what is left of it) goes back to them.
     */
    Vaccination.Result notGiven(VaccinationAdmin.Staff staff, UUID bookingId, NotGiven reason);

    sealed interface Given {
        record Certified(Certificates.Certificate certificate) implements Given {
        }

        record Refused(VaccinationProblem problem) implements Given {
        }
    }
}
