package org.citycard.card.code;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.IntFunction;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks a dynamic code the way a terminal does, offline: well-formed, signed by a known key, and within its
 * validity (allowing terminals' clocks to be {@link #CLOCK_SKEW} ahead or behind). Card status and one-time use
 * are the online verification's business.
 */
public final class CodeVerifier {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TEXT_LENGTH = 200;

    /** Why a code is refused; the terminal shows it and logs it. */
    public enum Reason { MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID }

    /** The outcome of a verification. */
    public sealed interface Verification {
        record Valid(CodePayload payload) implements Verification {
        }

        record Rejected(Reason reason) implements Verification {
        }
    }

    private final IntFunction<Ed25519PublicKeyParameters> keys;

    CodeVerifier(IntFunction<Ed25519PublicKeyParameters> keys) {
        this.keys = keys;
    }

    public Verification verify(String text, Instant now) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return new Verification.Rejected(Reason.MALFORMED);
        }
        byte[] code;
        try {
            code = Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            return new Verification.Rejected(Reason.MALFORMED);
        }
        if (code.length != CodePayload.LENGTH + CodeSigner.SIGNATURE_LENGTH) {
            return new Verification.Rejected(Reason.MALFORMED);
        }
        byte[] body = java.util.Arrays.copyOfRange(code, 0, CodePayload.LENGTH);
        CodePayload payload = CodePayload.decode(body);
        if (payload == null) {
            return new Verification.Rejected(Reason.MALFORMED);
        }
        Ed25519PublicKeyParameters key = keys.apply(payload.keyId());
        if (key == null) {
            return new Verification.Rejected(Reason.UNKNOWN_KEY);
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(body, 0, body.length);
        if (!verifier.verifySignature(java.util.Arrays.copyOfRange(code, CodePayload.LENGTH, code.length))) {
            return new Verification.Rejected(Reason.BAD_SIGNATURE);
        }
        if (payload.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            return new Verification.Rejected(Reason.NOT_YET_VALID);
        }
        if (now.minus(CLOCK_SKEW).isAfter(payload.expiresAt())) {
            return new Verification.Rejected(Reason.EXPIRED);
        }
        return new Verification.Valid(payload);
    }
}
