package org.citycard.app;

import java.time.Duration;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The API's access tokens, verified once and then remembered for a few minutes. A phone sends the same token with
 * every request of its session, and in a rush (a vaccination opening) the same person's tries come seconds apart:
 * the RSA verification and the parsing of the claims were the largest part of what a refused try cost.
 * <p>
 * Only a token that verified is remembered, under its exact text, so a forged or altered token is never found here.
 * A remembered one is judged again by the same validators on every use, so it still expires on time and is refused
 * after its expiry exactly as a fresh one would be (the refusal then comes from a full verification). What this
 * gives up: a signing key removed from the key set still verifies the tokens remembered under it for at most
 * {@link #KEPT} (a key is removed at rotation, when its tokens are anyway valid for their lifetime).
 * <p>
 * A token not used for {@link #IDLE} is forgotten (and verified again if it comes back): what is remembered is the
 * sessions in use. Without that, a rush of newcomers found the cache full of the tokens of sessions that had just
 * ended, and the cache (which admits a newcomer only when it is asked for more often than what it would replace)
 * kept the old ones: in the opening benchmark every try of a new citizen was verified afresh.
 */
final class RememberedTokens implements JwtDecoder {

    /** How long a verified token is remembered after it was first verified. */
    static final Duration KEPT = Duration.ofMinutes(5);
    /** How long a remembered token is kept without being used. */
    static final Duration IDLE = Duration.ofMinutes(1);

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    RememberedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size) {
        this(verifier, validator, size, com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    }

    RememberedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size,
                     com.github.benmanes.caffeine.cache.Ticker ticker) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(KEPT).expireAfterAccess(IDLE)
                .ticker(ticker).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = token == null ? null : verified.getIfPresent(token);
        if (known != null && !validator.validate(known).hasErrors()) {
            return known;
        }
        if (known != null) {
            verified.invalidate(token);
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
