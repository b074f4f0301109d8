package org.citycard.card.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.citycard.card.code.CodeVerifier.Reason;
import org.citycard.card.code.CodeVerifier.Verification;
import org.junit.jupiter.api.Test;

class DynamicCodeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:15:00Z");
    private final SecureRandom random = new SecureRandom();
    private final CodeKeys keys = CodeKeys.generate(1, random);
    private final byte[] token = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void a_fresh_code_verifies_offline_and_says_what_it_is_for() {
        var issued = keys.signer(random).issue(CodePurpose.RIDE, token, NOW);
        Verification v = keys.verifier().verify(issued.text(), NOW.plusSeconds(5));
        assertThat(v).isInstanceOf(Verification.Valid.class);
        CodePayload payload = ((Verification.Valid) v).payload();
        assertThat(payload.purpose()).isEqualTo(CodePurpose.RIDE);
        assertThat(payload.cardTokenHex()).isEqualTo("00112233445566778899aabbccddeeff");
        assertThat(payload.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void the_code_is_small_enough_for_a_low_density_qr() {
        var issued = keys.signer(random).issue(CodePurpose.PAYMENT, token, NOW);
        assertThat(issued.text()).hasSize(131).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void any_changed_byte_is_rejected() {
        String text = keys.signer(random).issue(CodePurpose.HEALTH, token, NOW).text();
        byte[] raw = Base64.getUrlDecoder().decode(text);
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            Verification v = keys.verifier().verify(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), NOW);
            assertThat(v).as("byte " + i).isInstanceOf(Verification.Rejected.class);
        }
    }

    @Test
    void a_changed_purpose_or_token_is_a_bad_signature() {
        String text = keys.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        byte[] raw = Base64.getUrlDecoder().decode(text);
        raw[3] = (byte) CodePurpose.PAYMENT.wire;
        assertThat(reason(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), NOW)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void codes_expire_after_sixty_seconds_give_or_take_clock_skew() {
        String text = keys.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        Duration late = CodeSigner.VALIDITY.plus(CodeVerifier.CLOCK_SKEW).plusSeconds(1);
        assertThat(keys.verifier().verify(text, NOW.plus(late.minusSeconds(2)))).isInstanceOf(Verification.Valid.class);
        assertThat(reason(text, NOW.plus(late))).isEqualTo(Reason.EXPIRED);
        assertThat(reason(text, NOW.minus(CodeVerifier.CLOCK_SKEW).minusSeconds(1))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void garbage_is_malformed_not_an_error() {
        for (String garbage : new String[] {"", "not base64 !!", "AAAA", "x".repeat(5000)}) {
            assertThat(reason(garbage, NOW)).as(garbage.length() > 20 ? "long" : garbage).isEqualTo(Reason.MALFORMED);
        }
        assertThat(reason(null, NOW)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void after_a_rotation_old_codes_verify_until_their_key_is_retired() {
        String old = keys.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        CodeKeys rotated = keys.rotate(2, random);
        String fresh = rotated.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        assertThat(rotated.verifier().verify(old, NOW)).isInstanceOf(Verification.Valid.class);
        assertThat(((Verification.Valid) rotated.verifier().verify(fresh, NOW)).payload().keyId()).isEqualTo(2);
        CodeKeys retired = rotated.retire(1);
        assertThat(retired.verifier().verify(old, NOW)).isEqualTo(new Verification.Rejected(Reason.UNKNOWN_KEY));
        assertThat(retired.publicKeys()).extracting(k -> k.get("kid")).containsExactly("2");
    }

    @Test
    void a_terminal_holding_only_the_published_public_key_verifies() {
        String text = keys.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        byte[] x = Base64.getUrlDecoder().decode(keys.publicKeys().getFirst().get("x"));
        CodeVerifier terminal = CodeKeys.verifierFor(Map.of(1, x));
        assertThat(terminal.verify(text, NOW)).isInstanceOf(Verification.Valid.class);
    }

    @Test
    void the_signature_is_standard_ed25519_that_the_jdk_verifies_too() throws Exception {
        String text = keys.signer(random).issue(CodePurpose.RIDE, token, NOW).text();
        byte[] raw = Base64.getUrlDecoder().decode(text);
        byte[] x = Base64.getUrlDecoder().decode(keys.publicKeys().getFirst().get("x"));
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
        var jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkKey);
        jdk.update(Arrays.copyOfRange(raw, 0, CodePayload.LENGTH));
        assertThat(jdk.verify(Arrays.copyOfRange(raw, CodePayload.LENGTH, raw.length))).isTrue();
    }

    private Reason reason(String text, Instant at) {
        Verification v = keys.verifier().verify(text, at);
        assertThat(v).isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) v).reason();
    }
}
