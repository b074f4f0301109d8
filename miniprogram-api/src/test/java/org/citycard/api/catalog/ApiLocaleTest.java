package org.citycard.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class ApiLocaleTest {

    @Test
    void chinese_is_the_default() {
        assertThat(ApiLocale.of(null)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ApiLocale.of("")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ApiLocale.of("fr-FR")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void the_clients_first_supported_preference_wins() {
        assertThat(ApiLocale.of("en-US,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(ApiLocale.of("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(ApiLocale.of("fr;q=1,en;q=0.5")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void a_malformed_header_is_not_an_error() {
        assertThat(ApiLocale.of(";;;=q")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }
}
