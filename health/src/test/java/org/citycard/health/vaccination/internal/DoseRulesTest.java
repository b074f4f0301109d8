package org.citycard.health.vaccination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.junit.jupiter.api.Test;

/** The series rules: age band on the day, the least days between doses, the clinic of the first dose, the end. */
class DoseRulesTest {

    // HPV, 9 to 45 years, three doses: the second 60 days after the first, the third 120 days after the second
    private static final Vaccine HPV = new Vaccine("hpv9", "九价 HPV 疫苗", Vaccine.Kind.SELF_PAID, 132_900, 3,
            9 * 12, 45 * 12 + 11, List.of(60, 120), true);
    private static final LocalDate BORN = LocalDate.of(2000, 3, 15);

    @Test
    void the_first_dose_only_inside_the_age_band_on_the_day_itself() {
        assertThat(DoseRules.refusal(HPV, BORN, List.of(), LocalDate.of(2026, 12, 10), "c1")).isNull();
        assertThat(DoseRules.refusal(HPV, LocalDate.of(2018, 1, 1), List.of(), LocalDate.of(2026, 12, 10), "c1"))
                .isEqualTo(VaccinationProblem.AGE);
        // 45 years and 11 months is the last month; the day after the 46th birthday is too late
        assertThat(DoseRules.refusal(HPV, LocalDate.of(1981, 1, 1), List.of(), LocalDate.of(2026, 12, 31), "c1")).isNull();
        assertThat(DoseRules.refusal(HPV, LocalDate.of(1980, 12, 1), List.of(), LocalDate.of(2026, 12, 2), "c1"))
                .isEqualTo(VaccinationProblem.AGE);
        assertThat(DoseRules.next(HPV, BORN, List.of()).dose()).isEqualTo(1);
    }

    @Test
    void later_doses_wait_their_interval_at_the_clinic_of_the_first_and_the_series_ends() {
        List<DoseRules.Given> one = List.of(new DoseRules.Given(1, LocalDate.of(2026, 10, 1), "c1"));
        DoseRules.Next next = DoseRules.next(HPV, BORN, one);
        assertThat(next.dose()).isEqualTo(2);
        assertThat(next.earliest()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(next.clinicId()).isEqualTo("c1");
        assertThat(DoseRules.refusal(HPV, BORN, one, LocalDate.of(2026, 11, 29), "c1")).isEqualTo(VaccinationProblem.TOO_SOON);
        assertThat(DoseRules.refusal(HPV, BORN, one, LocalDate.of(2026, 11, 30), "c1")).isNull();
        assertThat(DoseRules.refusal(HPV, BORN, one, LocalDate.of(2026, 11, 30), "c2")).isEqualTo(VaccinationProblem.OTHER_CLINIC);
        List<DoseRules.Given> two = List.of(one.getFirst(), new DoseRules.Given(2, LocalDate.of(2026, 12, 1), "c1"));
        assertThat(DoseRules.next(HPV, BORN, two).earliest()).isEqualTo(LocalDate.of(2027, 3, 31));
        List<DoseRules.Given> three = List.of(two.get(0), two.get(1), new DoseRules.Given(3, LocalDate.of(2027, 4, 1), "c1"));
        assertThat(DoseRules.next(HPV, BORN, three).problem()).isEqualTo(VaccinationProblem.SERIES_COMPLETE);
        assertThat(DoseRules.refusal(HPV, BORN, three, LocalDate.of(2027, 9, 1), "c1"))
                .isEqualTo(VaccinationProblem.SERIES_COMPLETE);
    }
}
