package org.citycard.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneAndCardNumberTest {

    @Test
    void mobile_numbers_are_normalised_and_masked() {
        PhoneNumber phone = PhoneNumber.parse("+86 138-1234-5678").orElseThrow();
        assertThat(phone.value()).isEqualTo("13812345678");
        assertThat(phone.toString()).isEqualTo("138****5678");
        assertThat(PhoneNumber.parse("12812345678")).isEmpty();
        assertThat(PhoneNumber.parse("0714-6222222")).isEmpty();
    }

    @Test
    void card_numbers_carry_the_city_prefix_and_a_luhn_check_digit() {
        CardNumber card = CardNumber.issue("4202", 1);
        assertThat(card.value()).hasSize(19).startsWith("4202");
        assertThat(CardNumber.parse(card.grouped())).contains(card);
        assertThat(card.masked()).isEqualTo("4202 **** **** " + card.value().substring(15));
    }

    @Test
    void a_mistyped_digit_is_caught_by_the_check_digit() {
        String value = CardNumber.issue("4202", 123_456_789L).value();
        char wrong = value.charAt(10) == '9' ? '0' : (char) (value.charAt(10) + 1);
        String typo = value.substring(0, 10) + wrong + value.substring(11);
        assertThat(CardNumber.parse(typo)).isEmpty();
        assertThatThrownBy(() -> new CardNumber(typo)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_luhn_digit_matches_a_known_vector() {
        // 7992739871 is the textbook Luhn example: its check digit is 3
        assertThat(CardNumber.luhnDigit("7992739871")).isEqualTo('3');
    }
}
