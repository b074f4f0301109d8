package org.citycard.app;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the identity provider's authorizations half a day after their last token expired (long after any portal
 * session that could still sign out with its ID token). Hourly; several nodes doing it at once is harmless.
 */
@Component
class AuthorizationPurge {

    static final Duration KEEP_AFTER_EXPIRY = Duration.ofHours(12);

    private final JdbcTemplate jdbc;

    AuthorizationPurge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        Timestamp before = Timestamp.from(Instant.now().minus(KEEP_AFTER_EXPIRY));
        jdbc.update("""
                delete from oauth2_authorization
                where coalesce(refresh_token_expires_at, oidc_id_token_expires_at, access_token_expires_at,
                               authorization_code_expires_at) < ?""", before);
    }
}
