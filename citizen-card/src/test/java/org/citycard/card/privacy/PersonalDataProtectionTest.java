package org.citycard.card.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.junit.jupiter.api.Test;

class PersonalDataProtectionTest {

    private static final String ID = "11010519491231002X";
    private final PersonalDataProtection.Keys keys = PersonalDataProtection.generateKeys(new SecureRandom());
    private final PersonalDataProtection protection = PersonalDataProtection.of(keys.keysetJson(), keys.indexKeyBase64());

    @Test
    void an_id_number_is_stored_encrypted_and_reads_back() {
        byte[] stored = protection.encrypt(Field.ID_NUMBER, ID);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("19491231");
        assertThat(protection.decrypt(Field.ID_NUMBER, stored)).isEqualTo(ID);
        assertThat(protection.encrypt(Field.ID_NUMBER, ID)).as("randomised").isNotEqualTo(stored);
    }

    @Test
    void a_ciphertext_moved_to_another_field_or_altered_does_not_decrypt() {
        byte[] stored = protection.encrypt(Field.ID_NUMBER, ID);
        assertThatThrownBy(() -> protection.decrypt(Field.PHONE, stored)).isInstanceOf(IllegalArgumentException.class);
        byte[] altered = stored.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> protection.decrypt(Field.ID_NUMBER, altered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_blind_index_finds_equal_values_and_depends_on_the_key_and_field() {
        assertThat(protection.blindIndex(Field.ID_NUMBER, ID)).isEqualTo(protection.blindIndex(Field.ID_NUMBER, ID))
                .hasSize(64).doesNotContain("1949");
        assertThat(protection.blindIndex(Field.PHONE, ID)).isNotEqualTo(protection.blindIndex(Field.ID_NUMBER, ID));
        var other = PersonalDataProtection.generateKeys(new SecureRandom());
        var otherProtection = PersonalDataProtection.of(other.keysetJson(), other.indexKeyBase64());
        assertThat(otherProtection.blindIndex(Field.ID_NUMBER, ID)).isNotEqualTo(protection.blindIndex(Field.ID_NUMBER, ID));
    }

    @Test
    void keys_never_show_in_logs() {
        assertThat(keys.toString()).doesNotContain(keys.indexKeyBase64()).isEqualTo("Keys[secret]");
    }
}
