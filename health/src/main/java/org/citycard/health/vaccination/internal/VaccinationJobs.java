package org.citycard.health.vaccination.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Vaccination's jobs, each on one node at a time: held places not confirmed in time go back (every few seconds, so
 * that a place given up at an opening is offered again at once), those booked for tomorrow are reminded, and
 * confirmed bookings of days gone by that were never checked in are recorded as no-shows (and those checked in with
 * no dose recorded are ended as not given, refunded when paid, so that the person may book again).
 */
@Component
class VaccinationJobs {

    private final JdbcVaccination vaccination;
    private final org.citycard.messages.Messages messages;
    private final io.micrometer.core.instrument.Counter runs;

    VaccinationJobs(JdbcVaccination vaccination, org.citycard.messages.Messages messages,
                    org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.vaccination = vaccination;
        this.messages = messages;
        this.runs = io.micrometer.core.instrument.Counter.builder("citycard.jobs.runs").tag("job", "vaccination-expire-holds")
                .description("Runs of a scheduled job on this node")
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Scheduled(fixedDelayString = "${citycard.vaccination.expire-every:PT10S}",
            initialDelayString = "${citycard.vaccination.expire-initial-delay:PT20S}")
    @SchedulerLock(name = "vaccination-expire-holds", lockAtMostFor = "PT5M",
            lockAtLeastFor = "${citycard.vaccination.expire-lock-at-least:PT0S}")
    void expireHolds() {
        runs.increment();
        vaccination.expireHolds();
    }

    /** Every afternoon: those booked for tomorrow are reminded (each booking once). */
    @Scheduled(cron = "${citycard.vaccination.reminders-cron:0 0 16 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
    @SchedulerLock(name = "vaccination-reminders", lockAtMostFor = "PT30M")
    void remind() {
        vaccination.remindTomorrow(messages);
    }

    @Scheduled(cron = "${citycard.vaccination.no-show-cron:0 30 0 * * *}", zone = org.citycard.kernel.ChinaTime.ID)
    @SchedulerLock(name = "vaccination-no-shows", lockAtMostFor = "PT30M")
    void recordNoShows() {
        vaccination.recordNoShows();
        vaccination.closeCheckedIn();
    }
}
