package org.citycard.health.connector.provincial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.Test;

/**
 * The SM primitives against the standards' own examples: SM3 (GB/T 32905-2016, appendix A), SM4 (GB/T 32907-2016,
 * appendix A, both examples), SM4-GCM (RFC 8998, appendix A.1), and HMAC-SM3 against RFC 2104's construction built
 * from SM3 by hand.
 */
class SmTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sm3_gives_the_standards_digests() {
        assertThat(HEX.formatHex(Sm.sm3("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HEX.formatHex(Sm.sm3("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sm4_gives_the_standards_ciphertexts_once_and_after_a_million_rounds() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        byte[] once = Sm.sm4Block(key, key, true);
        assertThat(HEX.formatHex(once)).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(Sm.sm4Block(key, once, false)).isEqualTo(key);
        byte[] block = key.clone();
        for (int i = 0; i < 1_000_000; i++) {
            block = Sm.sm4Block(key, block, true);
        }
        assertThat(HEX.formatHex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @Test
    void sm4_gcm_gives_rfc_8998s_ciphertext_and_tag_and_refuses_anything_altered() throws Exception {
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] iv = HEX.parseHex("00001234567800000000ABCD");
        byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] plain = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        byte[] sealed = Sm.sm4GcmEncrypt(key, iv, aad, plain);
        assertThat(HEX.formatHex(sealed)).isEqualToIgnoringCase(
                "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                        + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                        + "83DE3541E4C2B58177E065A9BF7B62EC");
        assertThat(Sm.sm4GcmDecrypt(key, iv, aad, sealed)).isEqualTo(plain);
        for (int at : new int[] {0, 63, 79}) {
            byte[] damaged = sealed.clone();
            damaged[at] ^= 1;
            assertThatThrownBy(() -> Sm.sm4GcmDecrypt(key, iv, aad, damaged)).isInstanceOf(InvalidCipherTextException.class);
        }
        byte[] otherAad = (new String(aad, StandardCharsets.ISO_8859_1) + "x").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Sm.sm4GcmDecrypt(key, iv, otherAad, sealed)).isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void hmac_sm3_is_rfc_2104_over_sm3() {
        byte[] key = "a secret the platform issued".getBytes(StandardCharsets.UTF_8);
        byte[] message = "appId=citycard-hs&method=ehc.card.query".getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[64];
        System.arraycopy(key, 0, block, 0, key.length);
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + 32];
        for (int i = 0; i < 64; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        System.arraycopy(Sm.sm3(inner), 0, outer, 64, 32);
        assertThat(Sm.hmacSm3(key, message)).isEqualTo(Sm.sm3(outer));
        assertThat(Sm.hmacSm3(key, message)).isNotEqualTo(Sm.sm3(message));
    }
}
