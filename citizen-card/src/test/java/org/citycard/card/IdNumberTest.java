package org.citycard.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Test
    void the_standards_example_is_valid_and_tells_region_and_birth_date() {
        IdNumber id = IdNumber.parse("11010519491231002x", TODAY).orElseThrow();
        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.regionCode()).isEqualTo("110105");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void a_wrong_check_character_is_caught() {
        assertThat(IdNumber.problem("110105194912310021", TODAY)).contains(IdNumber.Problem.CHECKSUM);
    }

    @Test
    void impossible_or_future_birth_dates_are_refused() {
        assertThat(IdNumber.problem(withCheck("42020219990230123"), TODAY)).contains(IdNumber.Problem.BIRTH_DATE);
        assertThat(IdNumber.problem(withCheck("42020220270101123"), TODAY)).contains(IdNumber.Problem.BIRTH_DATE);
    }

    @Test
    void region_and_format_are_checked() {
        assertThat(IdNumber.problem(withCheck("02020219900101123"), TODAY)).contains(IdNumber.Problem.REGION);
        assertThat(IdNumber.problem("4202021990", TODAY)).contains(IdNumber.Problem.FORMAT);
        assertThat(IdNumber.problem(null, TODAY)).contains(IdNumber.Problem.FORMAT);
    }

    @Test
    void it_is_shown_and_logged_only_masked() {
        IdNumber id = IdNumber.parse(withCheck("42020219900101123"), TODAY).orElseThrow();
        assertThat(id.masked()).matches("420202\\*{8}123.");
        assertThat(id.toString()).isEqualTo(id.masked()).doesNotContain("19900101");
    }

    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }
}
