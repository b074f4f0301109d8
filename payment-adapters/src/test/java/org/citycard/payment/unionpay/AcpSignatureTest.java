package org.citycard.payment.unionpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * ACP 5.1.0 signing against fixed vectors made independently with OpenSSL (see {@code unionpay/README.md} in the
 * test resources): the sorted string, its SHA-256 in hex, and the SHA256withRSA signature of that hex string.
 */
class AcpSignatureTest {

    private static final String DIGEST = "9bfe19907f40b707deff63d5b9ca71160b371d87e4dcfdd04769365fce03eae6";

    private static Map<String, String> fields() {
        // deliberately out of order: signing sorts them
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "5.1.0");
        fields.put("txnType", "01");
        fields.put("merId", "777290058110048");
        fields.put("encoding", "UTF-8");
        fields.put("orderId", "CC261121103000123456789012");
        fields.put("signMethod", "01");
        fields.put("txnSubType", "07");
        fields.put("bizType", "000000");
        fields.put("accessType", "0");
        fields.put("channelType", "08");
        fields.put("txnTime", "20261121103000");
        fields.put("txnAmt", "5000");
        fields.put("currencyCode", "156");
        fields.put("certId", "68759663125");
        return fields;
    }

    @Test
    void the_string_the_digest_and_the_signature_match_the_openssl_vectors() throws Exception {
        Map<String, String> fields = fields();
        assertThat(AcpSignature.stringData(fields)).isEqualTo(resource("vector-string.txt"));
        assertThat(AcpSignature.digestHex(AcpSignature.stringData(fields))).isEqualTo(DIGEST);
        // PKCS#1 v1.5 signatures are deterministic: the same key and message give OpenSSL's bytes exactly
        assertThat(AcpSignature.sign(fields, privateKey())).isEqualTo(resource("vector-signature.txt"));
    }

    @Test
    void a_signature_verifies_and_any_change_to_a_field_breaks_it() throws Exception {
        Map<String, String> fields = fields();
        fields.put("signature", resource("vector-signature.txt"));
        assertThat(AcpSignature.verify(fields, publicKey())).isTrue();
        fields.put("txnAmt", "5001");
        assertThat(AcpSignature.verify(fields, publicKey())).isFalse();
        fields.put("txnAmt", "5000");
        fields.put("signature", "not base64!");
        assertThat(AcpSignature.verify(fields, publicKey())).isFalse();
    }

    @Test
    void an_answer_keeps_braced_values_whole() {
        assertThat(UnionPayChannel.answer("respCode=00&reserved={a=1&b=2}&signPubKeyCert=-----BEGIN X-----\r\nAB+/==\r\n"))
                .containsEntry("respCode", "00").containsEntry("reserved", "{a=1&b=2}")
                .containsEntry("signPubKeyCert", "-----BEGIN X-----\r\nAB+/==\r\n");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AcpSignatureTest.class.getResourceAsStream("/unionpay/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static PrivateKey privateKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(resource("vector-key.pem"))));
    }

    private static PublicKey publicKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(resource("vector-pub.pem"))));
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
