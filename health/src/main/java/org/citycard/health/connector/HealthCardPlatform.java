package org.citycard.health.connector;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The provincial card-management platform: it registers one e-health card per ID number, issues the dynamic codes
 * and is the authority on them. Every call either answers or throws {@link PlatformUnavailable} (no answer, an
 * answer that does not verify, or one it should not have given): the caller never guesses.
 */
public interface HealthCardPlatform {

    /**
     * Registers a card for a person, or answers the card already registered for that ID number (one per person).
     */
    Registration register(Applicant applicant);

    CardState query(String ehcId);

    /** Closes a card (its holder asked, or died, or it was issued in error); closing a closed card is fine. */
    CardState close(String ehcId, String reason);

    /** A new dynamic code for the card, good once until {@code expiresAt}. */
    Generated generate(String ehcId);

    /** A hospital's check of a scanned code; a dynamic code is used up when valid. */
    CodeCheck verify(String code, String orgCode, String scene, String channel);

    /**
     * Who a card is for.
     *
     * @param guardianIdNumber   the guardian's ID number when a guardian applies for a dependant, else null
     * @param birthCertificateNo a child's birth certificate number (出生医学证明编号), checked by the platform
     * @param relation           SELF, CHILD or PARENT
     */
    record Applicant(String name, String idNumber, String sex, LocalDate birthDate, String phone,
                     String guardianIdNumber, String birthCertificateNo, String relation) {
        @Override
        public String toString() {
            return "Applicant[" + relation + "]";
        }
    }

    sealed interface Registration {
        record Registered(String ehcId, boolean existing) implements Registration {
        }

        record Refused(Refusal refusal) implements Registration {
        }
    }

    enum CardState {
        ACTIVE, CLOSED, UNKNOWN
    }

    sealed interface Generated {
        record Code(String text, Instant expiresAt) implements Generated {
        }

        record Refused(Refusal refusal) implements Generated {
        }
    }

    sealed interface CodeCheck {
        record Valid(String ehcId) implements CodeCheck {
        }

        record Invalid(Refusal refusal) implements CodeCheck {
        }
    }

    /** What the platform refuses, by its answer codes. */
    enum Refusal {
        /** 2001: not a valid ID number, or a birth date or sex that disagrees with it. */
        ID_INVALID,
        /** 2002: the name does not match the ID number at the population register. */
        IDENTITY_MISMATCH,
        /** 2003: the birth certificate number is not the child's. */
        BIRTH_CERTIFICATE_MISMATCH,
        /** 2004: no such card. */
        CARD_UNKNOWN,
        /** 2005: the card is closed. */
        CARD_CLOSED,
        /** 3001: not a code the platform issued. */
        CODE_INVALID,
        /** 3002 */
        CODE_EXPIRED,
        /** 3003: a dynamic code shown a second time. */
        CODE_USED
    }

    /** No trustworthy answer from the platform: unreachable, timed out, or an answer that did not verify. */
    final class PlatformUnavailable extends RuntimeException {
        public PlatformUnavailable(String message, Throwable cause) {
            super(message, cause);
        }

        public PlatformUnavailable(String message) {
            super(message);
        }
    }
}
