package org.citycard.payment.unionpay;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

/**
 * ACP 5.1.0 signatures (signMethod 01): the fields other than {@code signature}, sorted by name, as
 * {@code k=v&k=v}; its SHA-256 written as lower-case hex; that hex string signed SHA256withRSA and Base64-encoded.
 */
public final class AcpSignature {

    private AcpSignature() {
    }

    /** The string that is hashed: every field but the signature, sorted by name, empty values included. */
    public static String stringData(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream().filter(e -> !e.getKey().equals("signature"))
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String digestHex(String stringData) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(stringData.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(Map<String, String> fields, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(digestHex(stringData(fields)).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(Map<String, String> fields, PublicKey key) {
        String signed = fields.get("signature");
        if (signed == null || signed.isBlank()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(digestHex(stringData(fields)).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signed));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The signing certificate a UnionPay message carries ({@code signPubKeyCert}, PEM), when it is valid now,
     * chains through {@code middle} to {@code root}, and its subject's CN names {@code signer}.
     */
    static Optional<X509Certificate> trustedSigner(String pem, X509Certificate root, X509Certificate middle,
                                                   String signer) {
        if (pem == null || pem.isBlank()) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(certificate, middle)),
                    parameters);
            String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
            boolean named = java.util.Arrays.stream(name.split(",")).anyMatch(part -> part.equals("CN=" + signer));
            return named ? Optional.of(certificate) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
