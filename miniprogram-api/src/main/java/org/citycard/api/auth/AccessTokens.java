package org.citycard.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints the mini-programs' access tokens with the identity provider's signing keys, so the API's resource server
 * checks them like any other token. {@code auth_time} is when the citizen last proved who they are with the
 * platform (refreshing keeps it), for operations that need a recent sign-in.
 */
@Component
public class AccessTokens {

    public static final String AUTH_TIME = "auth_time";

    private final JwtEncoder encoder;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();

    AccessTokens(JwtEncoder encoder, @Value("${citycard.identity.issuer}") String issuer,
                 @Value("${citycard.identity.access-token-ttl:15m}") Duration ttl) {
        this.encoder = encoder;
        this.issuer = issuer;
        this.ttl = ttl;
    }

    record Issued(String token, Duration expiresIn) {
    }

    Issued issue(CitizenId citizen, ExternalLogin client, Instant authTime) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(citizen.toString())
                .audience(List.of("citycard-api"))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", List.of("CITIZEN"))
                .claim("scope", "citizen")
                .claim("client", client.name())
                .claim(AUTH_TIME, authTime.getEpochSecond())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
        return new Issued(token, ttl);
    }
}
