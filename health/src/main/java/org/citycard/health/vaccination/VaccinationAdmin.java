package org.citycard.health.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Running vaccination: the city's administrators (HEALTH_ADMIN) keep clinics, vaccines, staff and slots; each
 * clinic's staff (CLINIC_STAFF) their own clinic's slots and stock. Every change names who made it.
 */
public interface VaccinationAdmin {

    /** Who acts: a clinic's staff member, or the city (every clinic). */
    record Staff(String username, boolean cityAdmin) {
    }

    /** The clinic the staff member works at, if any. */
    Optional<String> clinicOf(String username);

    /** The clinics the staff member may manage: all for the city, their own for clinic staff. */
    List<Clinic> clinics(Staff staff);

    Optional<VaccinationProblem> saveClinic(Staff staff, Clinic clinic);

    Optional<VaccinationProblem> assignStaff(Staff staff, String username, String clinicId);

    Optional<VaccinationProblem> saveVaccine(Staff staff, Vaccine vaccine);

    /** Whether the vaccine is booked through the waiting room (an opening that draws a crowd); the city only. */
    Optional<VaccinationProblem> setWaitingRoom(Staff staff, String vaccineId, boolean on);

    Optional<VaccinationProblem> setStock(Staff staff, String clinicId, String vaccineId, int onHand);

    /**
     * Adds one slot per period on each day from {@code from} to {@code to}, bookable from {@code opensAt}; periods
     * already there are left as they are. How many were added, or why none.
     */
    SlotsAdded addSlots(Staff staff, String clinicId, String vaccineId, LocalDate from, LocalDate to,
                        List<LocalTime[]> periods, int capacity, Instant opensAt);

    sealed interface SlotsAdded {
        record Added(int slots) implements SlotsAdded {
        }

        record Refused(VaccinationProblem problem) implements SlotsAdded {
        }
    }

    /**
     * A day at a clinic for a vaccine: places, bookings by state (notGiven: came, checked in, left without the dose;
     * their place was used).
     */
    record DayFigures(LocalDate day, String clinicId, String vaccineId, int capacity, int held, int confirmed,
                      int vaccinated, int noShows, int cancelled, int notGiven) {
    }

    /** Per day (from, to), clinic and vaccine; staff see their clinic only. */
    List<DayFigures> figures(Staff staff, LocalDate from, LocalDate to);

    /**
     * Doses on hand at a clinic, against what they are promised to: booked (held, confirmed, checked in) and places
     * still open in slots from today. More promised than on hand is shown to the clinic as a shortfall; it does not
     * refuse a booking (doses arrive between the opening of slots and the day), the clinic adds stock or closes places.
     */
    record Stock(String clinicId, String vaccineId, int onHand, int booked, int open) {

        /** Doses missing if every booking and every open place were used (0: enough). */
        public int shortfall() {
            return Math.max(0, booked + open - onHand);
        }
    }

    List<Stock> stock(Staff staff);
}
