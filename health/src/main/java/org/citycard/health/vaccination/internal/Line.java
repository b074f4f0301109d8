package org.citycard.health.vaccination.internal;

import java.time.Duration;
import java.time.Instant;

import org.citycard.health.vaccination.WaitingRoom;

/**
 * How far a line has been admitted: {@code burst} at once when it starts, then {@code perSecond} every second. Pure,
 * so that every node computes the same from the line's start alone.
 */
record Line(long burst, double perSecond) {

    long admittedUpTo(Instant start, Instant now) {
        long seconds = Math.max(0, Duration.between(start, now).toMillis());
        return burst + (long) Math.floor(seconds / 1000.0 * perSecond);
    }

    WaitingRoom.Status status(long number, long inLine, Instant start, Instant now) {
        long admitted = admittedUpTo(start, now);
        long ahead = Math.max(0, number - admitted);
        Duration wait = ahead == 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(ahead / perSecond * 1000));
        return new WaitingRoom.Status(number, ahead, ahead == 0, wait, inLine);
    }
}
