package org.citycard.card.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.citycard.card.HumanCheck;
import org.citycard.card.privacy.PersonalDataProtection;
import org.citycard.card.privacy.PersonalDataProtection.Field;
import org.springframework.stereotype.Component;

/**
 * {@link HumanCheck} as a proof of work: a challenge is {@code random.expiry.difficulty.mac}, signed with the
 * personal-data index key (no state kept until it is used); a proof is accepted once, before it expires.
 */
@Component
class ProofOfWork implements HumanCheck {

    static final Duration VALIDITY = Duration.ofMinutes(5);

    private final PersonalDataProtection protection;
    private final ReplayGuard used;
    private final Clock clock;
    private final int difficulty;
    private final SecureRandom random = new SecureRandom();

    ProofOfWork(PersonalDataProtection protection, ReplayGuard used, Clock cardClock, CardProperties properties) {
        this.protection = protection;
        this.used = used;
        this.clock = cardClock;
        this.difficulty = properties.sms().humanCheckDifficulty();
    }

    @Override
    public Challenge challenge() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "."
                + clock.instant().plus(VALIDITY).getEpochSecond() + "." + difficulty;
        return new Challenge(body + "." + mac(body), difficulty);
    }

    /** Whether the proof solves a challenge of ours that has not expired and was not used before. */
    boolean solved(String proof) {
        if (proof == null || proof.length() > 200) {
            return false;
        }
        int colon = proof.lastIndexOf(':');
        if (colon < 0 || !proof.substring(colon + 1).matches("\\d{1,12}")) {
            return false;
        }
        String token = proof.substring(0, colon);
        String[] parts = token.split("\\.");
        if (parts.length != 4 || !MessageDigest.isEqual(mac(parts[0] + "." + parts[1] + "." + parts[2])
                .getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        long expiry;
        int bits;
        try {
            expiry = Long.parseLong(parts[1]);
            bits = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond() || !leadingZeroBits(sha256(proof), bits)) {
            return false;
        }
        return used.firstUse("human-check:" + parts[0], VALIDITY.plusMinutes(1));
    }

    private String mac(String body) {
        return protection.blindIndex(Field.SECRET, "human-check:" + body);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean leadingZeroBits(byte[] hash, int bits) {
        for (int i = 0; i < bits; i++) {
            if ((hash[i / 8] & (0x80 >>> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }
}
