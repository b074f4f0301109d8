package org.citycard.parking.internal;

import java.time.Instant;

import org.citycard.parking.ParkingSessions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Parking's jobs, each on one node at a time: deciding the exits whose wait for a late entry is over, forgetting
 * feed nonces no request can reuse any more, and reminding holders of plates with arrears, and settling yesterday.
 */
@Component
class ParkingJobs {

    private final ParkingSessions sessions;
    private final SignedFeeds feeds;
    private final JdbcParkingPayments payments;
    private final JdbcParkingPlates plates;
    private final org.citycard.messages.Messages messages;
    private final org.citycard.parking.ParkingSettlements settlements;
    private final io.micrometer.core.instrument.Counter runs;

    ParkingJobs(ParkingSessions sessions, SignedFeeds feeds, JdbcParkingPayments payments, JdbcParkingPlates plates,
                org.citycard.messages.Messages messages, org.citycard.parking.ParkingSettlements settlements,
                org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.sessions = sessions;
        this.feeds = feeds;
        this.payments = payments;
        this.plates = plates;
        this.messages = messages;
        this.settlements = settlements;
        this.runs = io.micrometer.core.instrument.Counter.builder("citycard.jobs.runs").tag("job", "parking-decide-waiting")
                .description("Runs of a scheduled job on this node")
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Scheduled(fixedDelayString = "${citycard.parking.decide-every:PT1M}",
            initialDelayString = "${citycard.parking.decide-initial-delay:PT30S}")
    @SchedulerLock(name = "parking-decide-waiting", lockAtMostFor = "PT10M",
            lockAtLeastFor = "${citycard.parking.decide-lock-at-least:PT0S}")
    void decideWaiting() {
        runs.increment();
        sessions.decideWaiting(Instant.now());
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "parking-forget-nonces", lockAtMostFor = "PT10M")
    void forgetNonces() {
        feeds.forgetNonces(Instant.now());
    }

    /** Every morning: the holders of plates with arrears are reminded (each stay once a week). */
    @Scheduled(cron = "${citycard.parking.arrears-cron:0 0 10 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
    @SchedulerLock(name = "parking-arrears-reminders", lockAtMostFor = "PT30M")
    void remindArrears() {
        payments.remindArrears(Instant.now(), messages);
    }

    /** Every morning: yesterday settled per operator and channel. */
    @Scheduled(cron = "${citycard.parking.settlement-cron:0 0 7 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
    @SchedulerLock(name = "parking-settlement", lockAtMostFor = "PT30M")
    void settleYesterday() {
        settlements.settle(java.time.LocalDate.now(org.citycard.kernel.ChinaTime.ZONE).minusDays(1));
    }

    /** Every night: vehicle licences decided more than 90 days ago are deleted. */
    @Scheduled(cron = "${citycard.parking.licence-purge-cron:0 30 3 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
    @SchedulerLock(name = "parking-licence-purge", lockAtMostFor = "PT30M")
    void forgetLicences() {
        plates.forgetLicences(Instant.now());
    }
}
