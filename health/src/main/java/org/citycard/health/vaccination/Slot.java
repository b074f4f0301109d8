package org.citycard.health.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A clinic's period on a day for one vaccine: its capacity and how many are booked; bookable from {@code opensAt}. */
public record Slot(UUID id, String clinicId, String vaccineId, LocalDate day, LocalTime startsAt, LocalTime endsAt,
                   int capacity, int booked, Instant opensAt) {

    public int left() {
        return Math.max(0, capacity - booked);
    }
}
