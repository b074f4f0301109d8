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

    /** The clinic's bookings of the day, live or not. */
    List<Booking> today(VaccinationAdmin.Staff staff, String clinicId);

    /** The card shown (its dynamic or fixed code) has a confirmed booking here today: checked in. */
    Vaccination.Result checkIn(VaccinationAdmin.Staff staff, String clinicId, String eHealthCode);

    /** A checked-in booking's dose given: recorded, stock lowered, the certificate issued. */
    Given vaccinate(VaccinationAdmin.Staff staff, UUID bookingId, String batch, Site site);

    sealed interface Given {
        record Certified(Certificates.Certificate certificate) implements Given {
        }

        record Refused(VaccinationProblem problem) implements Given {
        }
    }
}
