package org.citycard.card.code;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The signing keys of dynamic codes, by key id. One key signs; every key still in the set verifies, so a
 * rotation never invalidates codes already on citizens' screens. {@link #publicKeys()} is what terminals get.
 */
public final class CodeKeys {

    private final int signingKeyId;
    private final Ed25519PrivateKeyParameters signingKey;
    private final Map<Integer, Ed25519PublicKeyParameters> verifying;

    private CodeKeys(int signingKeyId, Ed25519PrivateKeyParameters signingKey,
                     Map<Integer, Ed25519PublicKeyParameters> verifying) {
        this.signingKeyId = signingKeyId;
        this.signingKey = signingKey;
        this.verifying = Map.copyOf(verifying);
    }

    /**
     * The key set from configuration: private-key seeds (32 bytes each) by key id, and which one signs.
     */
    public static CodeKeys of(int signingKeyId, Map<Integer, byte[]> seeds) {
        if (!seeds.containsKey(signingKeyId)) {
            throw new IllegalArgumentException("the signing key " + signingKeyId + " is not among the keys");
        }
        Map<Integer, Ed25519PublicKeyParameters> verifying = new LinkedHashMap<>();
        seeds.forEach((id, seed) -> verifying.put(id, new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey()));
        return new CodeKeys(signingKeyId, new Ed25519PrivateKeyParameters(seeds.get(signingKeyId), 0), verifying);
    }

    /** The signing key's seed, for writing a freshly generated development key set to its file. */
    public byte[] signingSeed() {
        return signingKey.getEncoded();
    }

    /** A fresh key set with one key. */
    public static CodeKeys generate(int keyId, SecureRandom random) {
        var key = new Ed25519PrivateKeyParameters(random);
        return new CodeKeys(keyId, key, Map.of(keyId, key.generatePublicKey()));
    }

    /** The same set with a new signing key added; the old keys keep verifying. */
    public CodeKeys rotate(int newKeyId, SecureRandom random) {
        if (verifying.containsKey(newKeyId)) {
            throw new IllegalArgumentException("key id " + newKeyId + " is already in use");
        }
        var key = new Ed25519PrivateKeyParameters(random);
        Map<Integer, Ed25519PublicKeyParameters> all = new LinkedHashMap<>(verifying);
        all.put(newKeyId, key.generatePublicKey());
        return new CodeKeys(newKeyId, key, all);
    }

    /** The set without a retired key (after every code it signed has expired). */
    public CodeKeys retire(int keyId) {
        if (keyId == signingKeyId) {
            throw new IllegalArgumentException("the signing key cannot be retired");
        }
        Map<Integer, Ed25519PublicKeyParameters> rest = new LinkedHashMap<>(verifying);
        rest.remove(keyId);
        return new CodeKeys(signingKeyId, signingKey, rest);
    }

    int signingKeyId() {
        return signingKeyId;
    }

    Ed25519PrivateKeyParameters signingKey() {
        return signingKey;
    }

    Ed25519PublicKeyParameters verifyingKey(int keyId) {
        return verifying.get(keyId);
    }

    /** The public keys as a JWK set ({@code kty OKP, crv Ed25519}), for terminals that verify offline. */
    public List<Map<String, String>> publicKeys() {
        return verifying.entrySet().stream()
                .map(e -> Map.of("kty", "OKP", "crv", "Ed25519", "use", "sig", "kid", String.valueOf(e.getKey()),
                        "x", Base64.getUrlEncoder().withoutPadding().encodeToString(e.getValue().getEncoded())))
                .toList();
    }

    /** A verifier that holds only the public keys, as a terminal does. */
    public static CodeVerifier verifierFor(Map<Integer, byte[]> publicKeys) {
        Map<Integer, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        publicKeys.forEach((id, raw) -> keys.put(id, new Ed25519PublicKeyParameters(raw, 0)));
        return new CodeVerifier(keys::get);
    }

    public CodeVerifier verifier() {
        return new CodeVerifier(this::verifyingKey);
    }

    /**
     * Signs a document the city issues other than a dynamic code (a vaccination certificate, say) with the signing
     * key, under its own domain, so that no signature of one kind passes for another: {@code <key id>.<Base64url
     * signature>} over {@code domain}, a newline and the document. Anyone holding the published keys can check it.
     */
    public String signDocument(String domain, String document) {
        org.bouncycastle.crypto.signers.Ed25519Signer signer = new org.bouncycastle.crypto.signers.Ed25519Signer();
        signer.init(true, signingKey);
        byte[] message = (domain + "\n" + document).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signer.update(message, 0, message.length);
        return signingKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    /** Whether the signature is one of {@link #signDocument} by any of the keys, for this domain and document. */
    public boolean verifyDocument(String domain, String document, String signature) {
        if (signature == null || !signature.matches("\\d{1,9}\\.[A-Za-z0-9_-]{86}")) {
            return false;
        }
        Ed25519PublicKeyParameters key = verifying.get(Integer.valueOf(signature.substring(0, signature.indexOf('.'))));
        if (key == null) {
            return false;
        }
        org.bouncycastle.crypto.signers.Ed25519Signer verifier = new org.bouncycastle.crypto.signers.Ed25519Signer();
        verifier.init(false, key);
        byte[] message = (domain + "\n" + document).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(Base64.getUrlDecoder().decode(signature.substring(signature.indexOf('.') + 1)));
    }

    public CodeSigner signer(SecureRandom random) {
        return new CodeSigner(this, random);
    }
}
