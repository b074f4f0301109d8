package org.citycard.parking.internal;

import java.time.Instant;

import org.citycard.parking.ParkingSessions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Parking's jobs, each on one node at a time: deciding the exits whose wait for a late entry is over. */
@Component
class ParkingJobs {

    private final ParkingSessions sessions;

    ParkingJobs(ParkingSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${citycard.parking.decide-every:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "parking-decide-waiting", lockAtMostFor = "PT10M")
    void decideWaiting() {
        sessions.decideWaiting(Instant.now());
    }
}
