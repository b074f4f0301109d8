package org.citycard.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.IdNumber;

/**
 * What hospitals do with the card through their terminals: verify a shown code (the platform is asked; a dynamic code
 * is used up) and receive only what they may (name, masked ID number, sex, birth date, their own patient id once
 * bound); each use is kept with its scene and shown to the holder as a visit.
 */
public interface HospitalDesk {

    /** A department as a visit shows it to the citizen: 1 to 32 Chinese characters, letters, digits, spaces, · ( ) -. */
    java.util.regex.Pattern DEPARTMENT = java.util.regex.Pattern.compile("[\\p{IsHan}A-Za-z0-9 ·()（）-]{1,32}");

    /** Where in the hospital the code was used. */
    enum Scene {
        REGISTRATION, CONSULTATION, PAYMENT, PHARMACY, EXAMINATION
    }

    /** How: a window, a kiosk, a doctor's workstation, the hospital's official account or mini-program. */
    enum Channel {
        WINDOW, KIOSK, DOCTOR, OFFICIAL_ACCOUNT, MINI_PROGRAM
    }

    /** A hospital as configured: its terminal client, its name, its organisation code at the platform. */
    record Hospital(String clientId, String name, String orgCode) {
    }

    /** The hospital a terminal client is, when it is one. */
    java.util.Optional<Hospital> hospital(String clientId);

    /** How long after a verification a patient id may be bound through it. */
    java.time.Duration BIND_WITHIN = java.time.Duration.ofHours(24);

    Check verify(Hospital hospital, String code, Scene scene, Channel channel, String department);

    sealed interface Check {
        /** @param patientId the hospital's own id for the person, null until it bound one */
        record Accepted(UUID visitId, String name, String idNumberMasked, IdNumber.Sex sex, LocalDate birthDate,
                        String patientId) implements Check {
            @Override
            public String toString() {
                return "Accepted[" + visitId + "]";
            }
        }

        record Rejected(HealthProblem problem) implements Check {
        }
    }

    /** Binds the hospital's patient id to the card seen in one of its own recent visits (replacing an earlier one). */
    HealthCards.Result bindPatient(Hospital hospital, UUID visitId, String patientId);

    /** The visits of one of the holder's cards, newest first. */
    List<Visit> visits(CitizenId holder, UUID cardId, int limit);

    record Visit(UUID id, String hospitalName, Scene scene, Channel channel, String department, Instant at) {
    }
}
