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
        if (now.isBefore(opening)) {
            // nobody is in yet: those who came first are ahead; the wait is until the opening, then the pace from there
            // (the first burst go at once)
            Duration wait = Duration.between(now, opening)
                    .plusMillis((long) Math.ceil(Math.max(0, number - burst) / perSecond * 1000));
            return new WaitingRoom.Status(number, number - 1, false, wait, inLine);
        }
        long ahead = Math.max(0, number - admittedUpTo(opening, now));
        Duration wait = ahead == 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(ahead / perSecond * 1000));
        return new WaitingRoom.Status(number, ahead, ahead == 0, wait, inLine);
    }
}
