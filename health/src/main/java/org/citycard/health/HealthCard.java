package org.citycard.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.citycard.card.IdNumber;

/**
 * An e-health card as its holder sees it: personal data only masked. {@code ehcId} is the platform's 64-hex card id
 * (absent until it registered the card); {@code counterReference} is what a parent without a phone shows at the
 * counter, while the card awaits it. {@code staticCodeOn}: whether its printed code is accepted at hospitals (the
 * holder switches it on to print it, and off when a printout is lost).
 */
public record HealthCard(UUID id, Relation relation, String nameMasked, String idNumberMasked, IdNumber.Sex sex,
                         LocalDate birthDate, State state, String ehcId, String counterReference, Instant createdAt,
                         Instant issuedAt, boolean staticCodeOn) {

    /** Whose card it is, from the holder's side. */
    public enum Relation {
        SELF, CHILD, PARENT
    }

    public enum State {
        /** Being registered with the platform (a call in flight, or one to try again). */
        REGISTERING,
        /** A parent's card, waiting for the parent to be seen with their ID card at a service counter. */
        AWAITING_COUNTER,
        ACTIVE,
        CLOSED
    }

    /**
     * The printable code: the card id and {@code :1}, the same every time; only for an active card whose holder has
     * switched it on. The card id is inside every dynamic code, so while it is off a hospital refuses the static code.
     */
    public String staticCode() {
        return printable() && staticCodeOn ? ehcId + ":1" : null;
    }

    /** Whether a static code can be switched on (an active card registered with the platform). */
    public boolean printable() {
        return state == State.ACTIVE && ehcId != null;
    }
}
