package org.citycard.health.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A booking as its booker sees it: for whom (one of the e-health cards they hold, masked), where and when, which dose,
 * and how far it has come.
 *
 * @param holdUntil a held booking is given up at this time unless confirmed (paid, for a self-paid vaccine)
 * @param priceFen  what confirming costs (0 for programme vaccines)
 */
public record Booking(UUID id, UUID slotId, String clinicId, String clinicName, String vaccineId, String vaccineName,
                      int dose, UUID cardId, String personNameMasked, LocalDate day, LocalTime startsAt,
                      LocalTime endsAt, State state, Instant holdUntil, long priceFen, boolean paymentInProgress,
                      Instant createdAt) {

    public enum State {
        HELD, CONFIRMED, CHECKED_IN, VACCINATED, CANCELLED, EXPIRED, NO_SHOW,
        /** Checked in, then left without the dose (deferred, a contraindication, declined, or none recorded that day). */
        NOT_GIVEN;

        /** Held, confirmed or checked in: counts against the slot and blocks another booking of the vaccine. */
        public boolean live() {
            return this == HELD || this == CONFIRMED || this == CHECKED_IN;
        }
    }
}
