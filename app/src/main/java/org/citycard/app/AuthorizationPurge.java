package org.citycard.app;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the identity provider's authorizations half a day after their last token expired (long after any portal
 * session that could still sign out with its ID token). Hourly, on one node at a time (ShedLock, as every job on
 * shared data), counted as {@code citycard.jobs.runs{job="identity-authorization-purge"}}.
 */
@Component
class AuthorizationPurge {

    static final Duration KEEP_AFTER_EXPIRY = Duration.ofHours(12);

    private final JdbcTemplate jdbc;
    private final io.micrometer.core.instrument.Counter runs;

    AuthorizationPurge(JdbcTemplate jdbc, io.micrometer.core.instrument.MeterRegistry meters) {
        this.jdbc = jdbc;
        this.runs = io.micrometer.core.instrument.Counter.builder("citycard.jobs.runs")
                .tag("job", "identity-authorization-purge").register(meters);
    }

    @Scheduled(fixedDelayString = "${citycard.identity.authorization-purge-interval:PT1H}",
            initialDelayString = "${citycard.identity.authorization-purge-initial-delay:PT5M}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "identity-authorization-purge",
            lockAtMostFor = "PT10M", lockAtLeastFor = "PT1M")
    public void purge() {
        runs.increment();
        Timestamp before = Timestamp.from(Instant.now().minus(KEEP_AFTER_EXPIRY));
        jdbc.update("""
                delete from oauth2_authorization
                where coalesce(refresh_token_expires_at, oidc_id_token_expires_at, access_token_expires_at,
                               authorization_code_expires_at) < ?""", before);
    }
}
