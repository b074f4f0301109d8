package org.citycard.health.vaccination.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.citycard.health.vaccination.Vaccine;
import org.citycard.health.vaccination.VaccinationProblem;

/**
 * The series rules, pure: given the vaccine, the person's birth date and the doses they had (in order), may the next
 * one be given on a day at a clinic? Which dose is it, and from which day?
 */
final class DoseRules {

    private DoseRules() {
    }

    /** A dose had: which, on what day, where. */
    record Given(int dose, LocalDate day, String clinicId) {
    }

    /** The next dose and from when and where, or why none. */
    record Next(int dose, LocalDate earliest, String clinicId, VaccinationProblem problem) {
    }

    static Next next(Vaccine vaccine, LocalDate born, List<Given> given) {
        int dose = given.size() + 1;
        if (dose > vaccine.doses()) {
            return new Next(0, null, null, VaccinationProblem.SERIES_COMPLETE);
        }
        LocalDate earliest = born.plusMonths(vaccine.minAgeMonths());
        String clinic = null;
        if (!given.isEmpty()) {
            Given last = given.getLast();
            LocalDate afterInterval = last.day().plusDays(vaccine.intervalDays().get(Math.min(dose - 2,
                    vaccine.intervalDays().size() - 1)));
            earliest = afterInterval.isAfter(earliest) ? afterInterval : earliest;
            clinic = vaccine.sameClinic() ? given.getFirst().clinicId() : null;
        }
        return new Next(dose, earliest, clinic, null);
    }

    /** Why the next dose cannot be given on that day at that clinic, or null. */
    static VaccinationProblem refusal(Vaccine vaccine, LocalDate born, List<Given> given, LocalDate day, String clinicId) {
        Next next = next(vaccine, born, given);
        if (next.problem() != null) {
            return next.problem();
        }
        long months = Period.between(born, day).toTotalMonths();
        if (months < vaccine.minAgeMonths() || months > vaccine.maxAgeMonths()) {
            return VaccinationProblem.AGE;
        }
        if (day.isBefore(next.earliest())) {
            return VaccinationProblem.TOO_SOON;
        }
        if (next.clinicId() != null && !next.clinicId().equals(clinicId)) {
            return VaccinationProblem.OTHER_CLINIC;
        }
        return null;
    }
}
