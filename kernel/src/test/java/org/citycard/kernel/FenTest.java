package org.citycard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class FenTest {

    @Test
    void money_is_shown_to_people_with_the_yuan_sign_and_grouping_negative_amounts_included() {
        assertThat(Fen.of(123_450).display()).isEqualTo("¥1,234.50");
        assertThat(Fen.of(5).display()).isEqualTo("¥0.05");
        assertThat(Fen.of(-150).display()).isEqualTo("-¥1.50");
        assertThat(Fen.of(-150).yuan()).isEqualTo("-1.50");
        assertThat(Fen.of(5000).yuan()).isEqualTo("50.00");
        assertThat(Fen.of(1234).signed()).isEqualTo("+12.34");
        assertThat(Fen.of(-1234).signed()).isEqualTo("-12.34");
    }

    @Test
    void yuan_are_parsed_exactly_never_rounded() {
        assertThat(Fen.parseYuan("12.66")).contains(Fen.of(1266));
        assertThat(Fen.parseYuan(" 12 ")).contains(Fen.of(1200));
        assertThat(Fen.parseYuan("12.30")).contains(Fen.of(1230));
        assertThat(Fen.parseYuan("12.345")).isEmpty();
        assertThat(Fen.parseYuan("1e3")).isEmpty();
        assertThat(Fen.parseYuan("abc")).isEmpty();
        assertThat(Fen.parseYuan((String) null)).isEmpty();
        assertThat(Fen.parseYuan(new BigDecimal("0.01"))).contains(Fen.of(1));
        assertThat(Fen.parseYuan(new BigDecimal("99999999999999999999"))).isEmpty();
    }

    @Test
    void the_city_keeps_china_standard_time() {
        assertThat(ChinaTime.ZONE.getId()).isEqualTo(ChinaTime.ID).isEqualTo("Asia/Shanghai");
    }
}
