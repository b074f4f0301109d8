package org.citycard.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinyinTest {

    @Test
    void a_name_yields_full_pinyin_and_initials_from_every_syllable() {
        assertThat(Pinyin.fullKeys("水费缴纳")).containsExactly("shuifeijiaona", "feijiaona", "jiaona", "na");
        assertThat(Pinyin.initialKeys("水费缴纳")).containsExactly("sfjn", "fjn", "jn", "n");
    }

    @Test
    void words_with_a_second_reading_are_read_as_citizens_say_them() {
        assertThat(Pinyin.fullKeys("银行卡")).first().isEqualTo("yinhangka");
        assertThat(Pinyin.fullKeys("长辈版")).first().isEqualTo("zhangbeiban");
    }

    @Test
    void latin_letters_and_digits_stay_as_they_are() {
        assertThat(Pinyin.syllables("5G话费")).containsExactly("5g", "hua", "fei");
    }
}
