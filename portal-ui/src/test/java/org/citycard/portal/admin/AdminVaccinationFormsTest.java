package org.citycard.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.citycard.health.vaccination.Vaccine;
import org.junit.jupiter.api.Test;

/** What the vaccination console reads from its fields: an opening's moment, a vaccine, periods of the day. */
class AdminVaccinationFormsTest {

    @Test
    void an_opening_is_a_day_and_a_time_in_china_and_nothing_else() {
        assertThat(AdminVaccinationView.opening(LocalDate.of(2026, 12, 8), " 10:00 "))
                .contains(Instant.parse("2026-12-08T02:00:00Z"));
        assertThat(AdminVaccinationView.opening(LocalDate.of(2026, 12, 8), "25:00")).isEmpty();
        assertThat(AdminVaccinationView.opening(LocalDate.of(2026, 12, 8), "")).isEmpty();
        assertThat(AdminVaccinationView.opening(null, "10:00")).isEmpty();
    }

    @Test
    void a_vaccine_is_read_in_fen_with_its_intervals_or_not_at_all() {
        assertThat(AdminVaccinationView.vaccine("hpv-9", "九价 HPV 疫苗", Vaccine.Kind.SELF_PAID, new BigDecimal("1329.00"), 3,
                108, 551, "60，120", true)).contains(new Vaccine("hpv-9", "九价 HPV 疫苗", Vaccine.Kind.SELF_PAID, 132_900, 3,
                108, 551, List.of(60, 120), true));
        assertThat(AdminVaccinationView.vaccine("flu", "流感疫苗", Vaccine.Kind.SELF_PAID, new BigDecimal("98"), 1, 6, 1_200,
                " ", false)).map(Vaccine::intervalDays).contains(List.of());
        // a fraction of a fen, intervals that are not numbers, a missing number: not a vaccine
        assertThat(AdminVaccinationView.vaccine("x", "x", Vaccine.Kind.SELF_PAID, new BigDecimal("1.005"), 1, 0, 1, "",
                false)).isEmpty();
        assertThat(AdminVaccinationView.vaccine("x", "x", Vaccine.Kind.PROGRAMME, BigDecimal.ZERO, 2, 0, 1, "7,x", false))
                .isEmpty();
        assertThat(AdminVaccinationView.vaccine("x", "x", Vaccine.Kind.PROGRAMME, BigDecimal.ZERO, null, 0, 1, "", false))
                .isEmpty();
    }

    @Test
    void periods_are_pairs_of_times_of_the_day() {
        assertThat(AdminVaccinationView.periods("08:00-10:00，14:00–16:30")).hasValueSatisfying(p -> assertThat(p).hasSize(2));
        assertThat(AdminVaccinationView.periods("08:00")).isEmpty();
        assertThat(AdminVaccinationView.periods("8am-9am")).isEmpty();
    }
}
