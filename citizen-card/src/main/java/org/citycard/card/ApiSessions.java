package org.citycard.card;

import java.time.Duration;

/**
 * Mini-program sessions: rotating, revocable refresh tokens. Each refresh returns a new token and retires the
 * old one; presenting a retired token again (a stolen copy) revokes the whole family.
 */
public interface ApiSessions {

    Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);

    String start(CitizenId citizen, ExternalLogin client);

    Renewal refresh(String refreshToken);

    /** Ends the session the token belongs to (its whole family). Unknown tokens change nothing. */
    void end(String refreshToken);

    /** Ends every session of the citizen (sign-out everywhere). */
    void endAll(CitizenId citizen);

    sealed interface Renewal {
        record Renewed(CitizenId citizen, ExternalLogin client, String refreshToken) implements Renewal {
        }

        record Refused(Reason reason) implements Renewal {
        }
    }

    enum Reason { UNKNOWN, EXPIRED, REUSED, REVOKED }
}
