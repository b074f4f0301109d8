package org.citycard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceCodeTest {

    @Test
    void a_national_style_code_has_region_department_type_and_serial() {
        ServiceCode code = ServiceCode.of("420200HB-GG-0012");
        assertThat(code.region()).isEqualTo("420200");
        assertThat(code.department()).isEqualTo("HB");
        assertThat(code.itemType()).isEqualTo("GG");
        assertThat(code.serial()).isEqualTo(12);
    }

    @Test
    void malformed_codes_are_refused() {
        for (String bad : new String[] {"", "420200HB-GG-12", "42020HB-GG-0012", "420200hb-gg-0012x", "420200HB_GG_0012", null}) {
            assertThatThrownBy(() -> ServiceCode.of(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ServiceCode.parse(bad)).isEmpty();
        }
    }

    @Test
    void typed_codes_are_trimmed_and_upper_cased() {
        assertThat(ServiceCode.parse(" 420200sw-gg-0001 ")).contains(ServiceCode.of("420200SW-GG-0001"));
    }
}
