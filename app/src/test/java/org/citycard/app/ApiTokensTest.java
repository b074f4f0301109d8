package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * How the API reads and checks access tokens on its fast paths: each must answer exactly as the slower way it
 * replaced (Spring's bearer-token resolver, the firewall's header rule, a verification on every request).
 */
class ApiTokensTest {

    private static final String ISSUER = "http://localhost:8080";

    @Test
    void the_bearer_token_is_read_from_the_header_as_spring_reads_it() {
        BearerTokens tokens = new BearerTokens();
        assertThat(tokens.resolve(request("Bearer abc.DEF-_~+/9=="))).isEqualTo("abc.DEF-_~+/9==");
        assertThat(tokens.resolve(request("bearer abc"))).isEqualTo("abc");
        assertThat(tokens.resolve(request(null))).isNull();
        assertThat(tokens.resolve(request("Basic dXNlcjpwdw=="))).isNull();
        for (String malformed : List.of("Bearer ", "Bearer a=b", "Bearer a b", "Bearer ab€", "Bearer =")) {
            assertThatThrownBy(() -> tokens.resolve(request(malformed))).as(malformed)
                    .isInstanceOf(org.springframework.security.oauth2.core.OAuth2AuthenticationException.class);
        }
        // a token in the query is never taken, as Spring's defaults say
        MockHttpServletRequest query = request(null);
        query.setParameter("access_token", "abc");
        assertThat(tokens.resolve(query)).isNull();
    }

    @Test
    void the_firewall_rule_for_header_values_is_the_regular_expression_it_replaced() {
        Pattern rule = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        Random random = new Random(42);
        int[] kinds = {0x20, 0x7e, 0x00, 0x1f, 0x7f, 0x9f, 0x4e00, 0x0378, 0xd800, 0x1f600, 0xe0080, 0xfffe};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                int base = kinds[random.nextInt(kinds.length)];
                value.appendCodePoint(random.nextInt(4) == 0 ? base : Math.min(0x10ffff, base + random.nextInt(3)));
            }
            String v = value.toString();
            assertThat(HttpEdgeConfiguration.assignedAndNotControl(v)).as("%s", v.codePoints().boxed().toList())
                    .isEqualTo(rule.matcher(v).matches());
        }
        assertThat(HttpEdgeConfiguration.assignedAndNotControl("Bearer eyJ.abc")).isTrue();
        assertThat(HttpEdgeConfiguration.assignedAndNotControl("a\nb")).isFalse();
    }

    @Test
    void a_verified_token_is_remembered_judged_again_each_time_and_refused_once_expired() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        AtomicInteger verifications = new AtomicInteger();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
        NimbusJwtDecoder nimbus = decoder(key, validator);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        RememberedTokens remembered = new RememberedTokens(counting, validator, 100);
        String token = sign(key, Instant.now(), Duration.ofSeconds(2));

        Jwt first = remembered.decode(token);
        assertThat(first.getSubject()).isEqualTo("citizen-1");
        assertThat(remembered.decode(token).getSubject()).isEqualTo("citizen-1");
        assertThat(verifications).hasValue(1);

        // a forged token (the signature's end changed) is verified, refused, and never remembered
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> remembered.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> remembered.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);

        // once it has expired the remembered token is refused, as a fresh one would be
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), first.getExpiresAt()).toMillis() + 100));
        assertThatThrownBy(() -> remembered.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(4);
    }

    @Test
    void a_token_in_use_stays_remembered_and_one_unused_for_a_minute_is_verified_again() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        AtomicInteger verifications = new AtomicInteger();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ZERO), new JwtIssuerValidator(ISSUER));
        NimbusJwtDecoder nimbus = decoder(key, validator);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RememberedTokens remembered = new RememberedTokens(counting, validator, 100, nanos::get);
        String inUse = sign(key, Instant.now(), Duration.ofMinutes(30));
        String ended = sign(key, Instant.now(), Duration.ofMinutes(31));
        remembered.decode(ended);
        // a session asking every 30 seconds for two minutes is verified once
        for (int i = 0; i < 5; i++) {
            remembered.decode(inUse);
            nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        }
        assertThat(verifications).hasValue(2);
        // the one that went quiet is forgotten: it does not keep a newcomer out, and is verified when it comes back
        remembered.decode(ended);
        assertThat(verifications).hasValue(3);
        // and however busy, a token is verified again once remembered for five minutes
        for (int i = 0; i < 6; i++) {
            remembered.decode(inUse);
            nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        }
        assertThat(verifications).hasValue(4);
    }

    @Test
    void only_the_identity_keys_verify_and_only_with_an_rsa_signature() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("k9").generate();
        Instant now = Instant.now();
        NimbusJwtDecoder decoder = decoder(key, validator());
        assertThat(decoder.decode(sign(key, now, Duration.ofMinutes(5))).getSubject()).isEqualTo("citizen-1");
        assertThatThrownBy(() -> decoder.decode(sign(stranger, now, Duration.ofMinutes(5)))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(sign(unknown, now, Duration.ofMinutes(5)))).isInstanceOf(JwtException.class);
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims(now,
                Duration.ofMinutes(5)));
        hmac.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> decoder.decode(hmac.serialize())).isInstanceOf(JwtException.class);

        // an EC key, where the city configured one, verifies its own family's signatures only
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        NimbusJwtDecoder both = decoder(new JWKSet(List.of(key, ec)), validator());
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), claims(now,
                Duration.ofMinutes(5)));
        es256.sign(new ECDSASigner(ec));
        assertThat(both.decode(es256.serialize()).getSubject()).isEqualTo("citizen-1");
        assertThat(both.decode(sign(key, now, Duration.ofMinutes(5))).getSubject()).isEqualTo("citizen-1");
        SignedJWT rsaClaimingEc = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("e1").build(),
                claims(now, Duration.ofMinutes(5)));
        rsaClaimingEc.sign(new RSASSASigner(key));
        assertThatThrownBy(() -> both.decode(rsaClaimingEc.serialize())).isInstanceOf(JwtException.class);
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/mp/v1/me");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static OAuth2TokenValidator<Jwt> validator() {
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER));
    }

    private static NimbusJwtDecoder decoder(RSAKey key, OAuth2TokenValidator<Jwt> validator) {
        return decoder(new JWKSet(key), validator);
    }

    private static NimbusJwtDecoder decoder(JWKSet keys, OAuth2TokenValidator<Jwt> validator) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new VerificationKeys((selector, context) -> selector.select(keys)));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static JWTClaimsSet claims(Instant issued, Duration life) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("citizen-1").issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(life))).build();
    }

    private static String sign(RSAKey key, Instant issued, Duration life) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(issued, life));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
