package org.citycard.app;

import java.security.Key;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The public keys that verify the API's access tokens: the identity provider's RSA and EC keys, each turned into a Java
 * key once. Nimbus's own selector converted the matching JWK (its private part included) on every verification, a
 * noticeable share of each API request. A token names its key ({@code kid}); one that names none is tried against
 * every key of its algorithm's family, as before; a key answers only to its own family's signature algorithms (the
 * provider signs RS256 with the development keys).
 */
final class VerificationKeys implements JWSKeySelector<SecurityContext> {

    private record Verifier(Key key, JWSAlgorithm.Family family) {
    }

    private final Map<String, Verifier> byId = new HashMap<>();
    private final List<Verifier> all = new java.util.ArrayList<>();

    VerificationKeys(JWKSource<SecurityContext> source) {
        try {
            for (JWK jwk : source.get(new JWKSelector(new JWKMatcher.Builder().build()), null)) {
                Verifier verifier = jwk instanceof RSAKey rsa ? new Verifier(rsa.toRSAPublicKey(), JWSAlgorithm.Family.RSA)
                        : jwk instanceof ECKey ec ? new Verifier(ec.toECPublicKey(), JWSAlgorithm.Family.EC) : null;
                if (verifier != null) {
                    all.add(verifier);
                    if (jwk.getKeyID() != null) {
                        byId.put(jwk.getKeyID(), verifier);
                    }
                }
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("The identity keys cannot be read", e);
        }
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        if (header.getKeyID() == null) {
            return all.stream().filter(v -> v.family().contains(header.getAlgorithm())).map(Verifier::key).toList();
        }
        Verifier verifier = byId.get(header.getKeyID());
        return verifier == null || !verifier.family().contains(header.getAlgorithm()) ? List.of()
                : List.of(verifier.key());
    }
}
