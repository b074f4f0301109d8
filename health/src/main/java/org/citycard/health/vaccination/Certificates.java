package org.citycard.health.vaccination;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.citycard.card.CitizenId;

/**
 * E-vaccination certificates (电子预防接种凭证): one per dose given, signed by the city; its QR code carries a link
 * to the public check page with an id no one can guess. The check shows the holder masked, and is rate-limited.
 */
public interface Certificates {

    /**
     * @param qrText what the QR code carries: the public check page's address with the certificate's id and signature
     */
    record Certificate(String publicId, String personNameMasked, String vaccineName, int dose, int doses,
                       String clinicName, String batch, Instant givenAt, String qrText) {
    }

    /** The certificates of every e-health card the citizen holds, newest first. */
    List<Certificate> of(CitizenId holder);

    /** A certificate as anyone checking it sees it, when the id (and signature, if given) is genuine. */
    Optional<Certificate> check(String publicId, String signature);

    /**
     * The public check, from an address: genuine, not confirmed (whatever the reason: unknown id, signature that does
     * not verify), or refused because that address checks too often (so that nobody walks the ids).
     */
    Checked check(String publicId, String signature, String source);

    sealed interface Checked {
        record Genuine(Certificate certificate) implements Checked {
        }

        record NotConfirmed() implements Checked {
        }

        record SlowDown() implements Checked {
        }
    }
}
