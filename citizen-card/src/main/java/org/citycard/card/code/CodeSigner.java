package org.citycard.card.code;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Issues dynamic codes: payload plus its Ed25519 signature, as URL-safe Base64 text for the QR code. */
public final class CodeSigner {

    public static final Duration VALIDITY = Duration.ofSeconds(60);
    static final int SIGNATURE_LENGTH = 64;

    private final CodeKeys keys;
    private final SecureRandom random;

    CodeSigner(CodeKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    public IssuedCode issue(CodePurpose purpose, byte[] cardToken, Instant now) {
        var payload = new CodePayload(keys.signingKeyId(), purpose, cardToken, now, VALIDITY, random.nextLong());
        byte[] body = payload.encode();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, keys.signingKey());
        signer.update(body, 0, body.length);
        byte[] signature = signer.generateSignature();
        byte[] code = new byte[body.length + SIGNATURE_LENGTH];
        System.arraycopy(body, 0, code, 0, body.length);
        System.arraycopy(signature, 0, code, body.length, SIGNATURE_LENGTH);
        return new IssuedCode(Base64.getUrlEncoder().withoutPadding().encodeToString(code), payload);
    }

    /** The text to put in the QR code, and what it says. */
    public record IssuedCode(String text, CodePayload payload) {
    }
}
