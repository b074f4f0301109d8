package org.citycard.card.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.ApiSessions;
import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh tokens on JDBC. Only the SHA-256 of a token is stored (tokens are 256 random bits, so a plain hash is
 * enough). Using a token marks it used with a guarded update; whoever loses that race, or comes later with the
 * same token, is treated as a thief: the family is revoked.
 */
@Service
@Transactional
class JdbcApiSessions implements ApiSessions {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcApiSessions(JdbcClient jdbc, Clock cardClock) {
        this.jdbc = jdbc;
        this.clock = cardClock;
    }

    @Override
    public String start(CitizenId citizen, ExternalLogin client) {
        Instant now = clock.instant();
        return issue(UUID.randomUUID(), citizen, client, now, now.plus(REFRESH_TOKEN_VALIDITY));
    }

    @Override
    public Renewal refresh(String refreshToken) {
        record Row(UUID family, CitizenId citizen, ExternalLogin client, Instant expiresAt, Instant usedAt,
                   Instant revokedAt, Instant signedInAt) {
        }
        Optional<Row> found = jdbc.sql("""
                        select family, citizen_id, client, expires_at, used_at, revoked_at, signed_in_at
                        from card_refresh_token where token_hash = :hash""")
                .param("hash", hash(refreshToken))
                .query((rs, n) -> new Row(Db.uuid(rs, "family"), new CitizenId(Db.uuid(rs, "citizen_id")),
                        ExternalLogin.valueOf(rs.getString("client")), Db.instant(rs, "expires_at"),
                        Db.instant(rs, "used_at"), Db.instant(rs, "revoked_at"), Db.instant(rs, "signed_in_at")))
                .optional();
        if (found.isEmpty()) {
            return new Renewal.Refused(Reason.UNKNOWN);
        }
        Row row = found.get();
        Instant now = clock.instant();
        if (row.revokedAt() != null) {
            return new Renewal.Refused(Reason.REVOKED);
        }
        if (row.usedAt() != null) {
            revokeFamily(row.family(), now);
            return new Renewal.Refused(Reason.REUSED);
        }
        if (!row.expiresAt().isAfter(now)) {
            return new Renewal.Refused(Reason.EXPIRED);
        }
        int used = jdbc.sql("""
                        update card_refresh_token set used_at = :now
                        where token_hash = :hash and used_at is null and revoked_at is null""")
                .param("now", Db.ts(now)).param("hash", hash(refreshToken)).update();
        if (used == 0) {
            revokeFamily(row.family(), now);
            return new Renewal.Refused(Reason.REUSED);
        }
        // the new token ends when the family does: refreshing never lengthens a session
        return new Renewal.Renewed(row.citizen(), row.client(),
                issue(row.family(), row.citizen(), row.client(), row.signedInAt(), row.expiresAt()), row.signedInAt());
    }

    @Override
    public void end(String refreshToken) {
        jdbc.sql("select family from card_refresh_token where token_hash = :hash").param("hash", hash(refreshToken))
                .query((rs, n) -> Db.uuid(rs, "family")).optional()
                .ifPresent(family -> revokeFamily(family, clock.instant()));
    }

    @Override
    public void endAll(CitizenId citizen) {
        jdbc.sql("update card_refresh_token set revoked_at = :now where citizen_id = :id and revoked_at is null")
                .param("now", Db.ts(clock.instant())).param("id", citizen.value()).update();
    }

    @Override
    public void endAll(CitizenId citizen, ExternalLogin client) {
        jdbc.sql("""
                        update card_refresh_token set revoked_at = :now
                        where citizen_id = :id and client = :client and revoked_at is null""")
                .param("now", Db.ts(clock.instant())).param("id", citizen.value()).param("client", client.name())
                .update();
    }

    private String issue(UUID family, CitizenId citizen, ExternalLogin client, Instant signedInAt, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into card_refresh_token (token_hash, family, citizen_id, client, issued_at, expires_at,
                                                        signed_in_at)
                        values (:hash, :family, :citizen, :client, :now, :expires, :signedIn)""")
                .param("hash", hash(token)).param("family", family).param("citizen", citizen.value())
                .param("client", client.name()).param("now", Db.ts(now)).param("expires", Db.ts(expiresAt))
                .param("signedIn", Db.ts(signedInAt))
                .update();
        return token;
    }

    private void revokeFamily(UUID family, Instant now) {
        jdbc.sql("update card_refresh_token set revoked_at = :now where family = :family and revoked_at is null")
                .param("now", Db.ts(now)).param("family", family).update();
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
