package org.citycard.health.vaccination.internal;

import java.time.Duration;
import java.time.Instant;

import org.citycard.health.vaccination.WaitingRoom;

/**
 * How far a line has been admitted: nobody before its opening, {@code burst} at once when it opens, then
 * {@code perSecond} every second. Pure, so that every node computes the same from the opening alone.
 */
record Line(long burst, double perSecond) {

    long admittedUpTo(Instant opening, Instant now) {
        if (now.isBefore(opening)) {
            return 0;
        }
        long millis = Duration.between(opening, now).toMillis();
        return burst + (long) Math.floor(millis / 1000.0 * perSecond);
    }

    WaitingRoom.Status status(long number, long inLine, Instant opening, Instant now) {
        long admitted = admittedUpTo(opening, now);
        long ahead = Math.max(0, number - admitted);
        Duration untilOpening = now.isBefore(opening) ? Duration.between(now, opening) : Duration.ZERO;
        // before the opening: the time until it, then the pace from there (the first burst go at once)
        long behindBurst = now.isBefore(opening) ? Math.max(0, number - burst) : ahead;
        Duration wait = ahead == 0 ? Duration.ZERO
                : untilOpening.plusMillis((long) Math.ceil(behindBurst / perSecond * 1000));
        return new WaitingRoom.Status(number, ahead, ahead == 0, wait, inLine);
    }
}
