package org.citycard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.citycard.kernel.FreeText.Checked;
import org.citycard.kernel.FreeText.Problem;
import org.junit.jupiter.api.Test;

class FreeTextTest {

    @Test
    void an_address_with_emoji_and_chinese_is_kept_as_typed_but_stripped() {
        assertThat(FreeText.line("地址", "  湖北省黄石市下陆区 🏠 12号 ", 100))
                .isEqualTo(new Checked.Clean("湖北省黄石市下陆区 🏠 12号"));
    }

    @Test
    void a_nul_anywhere_is_refused_naming_the_field_even_at_the_end() {
        assertThat(FreeText.line("地址", "黄石\u0000市", 100)).isEqualTo(new Checked.Refused("地址", Problem.CONTROL_CHARACTER, 100));
        assertThat(FreeText.line("地址", "黄石市\u0000", 100)).isInstanceOf(Checked.Refused.class);
        assertThat(((Checked.Refused) FreeText.line("address", "a\u0007b", 100)).message(false)).contains("'address'");
    }

    @Test
    void line_breaks_are_only_for_fields_of_several_lines() {
        assertThat(FreeText.line("reason", "one\ntwo", 100)).isInstanceOf(Checked.Refused.class);
        assertThat(FreeText.lines("guide", "one\r\ntwo", 100)).isEqualTo(new Checked.Clean("one\ntwo"));
        assertThat(FreeText.lines("guide", "one\u0000two", 100)).isInstanceOf(Checked.Refused.class);
    }

    @Test
    void half_a_surrogate_pair_and_direction_overrides_are_refused() {
        assertThat(FreeText.line("name", "ab\uD83D", 100)).isEqualTo(new Checked.Refused("name", Problem.BROKEN_CHARACTER, 100));
        assertThat(FreeText.line("name", "\uDC00ab", 100)).isEqualTo(new Checked.Refused("name", Problem.BROKEN_CHARACTER, 100));
        assertThat(FreeText.line("name", "abc\u202Egpj.exe", 100)).isEqualTo(new Checked.Refused("name", Problem.CONTROL_CHARACTER, 100));
    }

    @Test
    void the_limit_counts_what_people_see_not_utf16_units() {
        assertThat(FreeText.line("x", "🏠".repeat(10), 10)).isInstanceOf(Checked.Clean.class);
        assertThat(FreeText.line("x", "🏠".repeat(11), 10)).isEqualTo(new Checked.Refused("x", Problem.TOO_LONG, 10));
        assertThat(((Checked.Refused) FreeText.line("地址", "长".repeat(300), 200)).message(true)).isEqualTo("“地址”最多 200 个字符。");
    }

    @Test
    void blank_and_missing_text_is_clean_and_empty() {
        assertThat(FreeText.line("x", null, 10)).isEqualTo(new Checked.Clean(""));
        assertThat(FreeText.line("x", "   ", 10)).isEqualTo(new Checked.Clean(""));
    }
}
