package org.citycard.sandbox.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * UnionPay's side of ACP 5.1.0 signing (signMethod 01), as the gateway does it: the fields but {@code signature}
 * in name order as {@code k=v&...}, SHA-256 as lower-case hex, that hex signed SHA256withRSA in Base64. Written apart
 * from the merchant's implementation in the payment module, so that the two checking each other means something.
 */
final class AcpSigner {

    private AcpSigner() {
    }

    static String sign(Map<String, String> fields, PrivateKey key) {
        try {
            return Base64.getEncoder().encodeToString(rsa(key, fields).sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(Map<String, String> fields, PublicKey key) {
        String given = fields.get("signature");
        try {
            return given != null && !given.isBlank() && rsa(key, fields).verify(Base64.getDecoder().decode(given));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Signature rsa(Key key, Map<String, String> fields) throws GeneralSecurityException {
        SortedMap<String, String> sorted = new TreeMap<>(fields);
        sorted.remove("signature");
        StringBuilder data = new StringBuilder();
        sorted.forEach((name, value) -> data.append(data.isEmpty() ? "" : "&").append(name).append('=')
                .append(value == null ? "" : value));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data.toString().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        if (key instanceof PrivateKey own) {
            signature.initSign(own);
        } else {
            signature.initVerify((PublicKey) key);
        }
        signature.update(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.UTF_8));
        return signature;
    }
}
