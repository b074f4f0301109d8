package org.citycard.card;

import java.time.Duration;

/**
 * Mini-program sessions: rotating, revocable refresh tokens. Each refresh returns a new token and retires the
 * old one; presenting a retired token again (a stolen copy) revokes the whole family.
 */
public interface ApiSessions {

    /** A session lasts this long from the platform sign-in, however often it is refreshed. */
    Duration REFRESH_TOKEN_VALIDITY = Duration.ofDays(30);

    String start(CitizenId citizen, ExternalLogin client);

    Renewal refresh(String refreshToken);

    /** Ends the session the token belongs to (its whole family). Unknown tokens change nothing. */
    void end(String refreshToken);

    /** Ends every session of the citizen (sign-out everywhere). */
    void endAll(CitizenId citizen);

    /** Ends the citizen's sessions that were opened with one platform (when that login is unlinked). */
    void endAll(CitizenId citizen, ExternalLogin client);

    sealed interface Renewal {
        /** {@code signedInAt}: when the citizen last signed in with the platform (refreshing keeps it). */
        record Renewed(CitizenId citizen, ExternalLogin client, String refreshToken, java.time.Instant signedInAt)
                implements Renewal {
        }

        record Refused(Reason reason) implements Renewal {
        }
    }

    enum Reason { UNKNOWN, EXPIRED, REUSED, REVOKED }
}
