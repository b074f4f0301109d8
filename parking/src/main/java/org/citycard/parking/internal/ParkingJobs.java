package org.citycard.parking.internal;

import java.time.Instant;

import org.citycard.parking.ParkingSessions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Parking's jobs, each on one node at a time: deciding the exits whose wait for a late entry is over, and forgetting
 * feed nonces no request can reuse any more.
 */
@Component
class ParkingJobs {

    private final ParkingSessions sessions;
    private final SignedFeeds feeds;

    ParkingJobs(ParkingSessions sessions, SignedFeeds feeds) {
        this.sessions = sessions;
        this.feeds = feeds;
    }

    @Scheduled(fixedDelayString = "${citycard.parking.decide-every:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "parking-decide-waiting", lockAtMostFor = "PT10M")
    void decideWaiting() {
        sessions.decideWaiting(Instant.now());
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "parking-forget-nonces", lockAtMostFor = "PT10M")
    void forgetNonces() {
        feeds.forgetNonces(Instant.now());
    }
}
