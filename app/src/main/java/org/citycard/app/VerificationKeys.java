package org.citycard.app;

import java.security.Key;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The public keys that verify the API's access tokens: the identity provider's RSA keys, each turned into a Java key
 * once. Nimbus's own selector converted the matching JWK (its private part included) on every verification, a
 * noticeable share of each API request. A token names its key ({@code kid}); one that names none is tried against
 * every key, as before; only the RSA signature algorithms are accepted (the provider signs RS256).
 */
final class VerificationKeys implements JWSKeySelector<SecurityContext> {

    private final Map<String, Key> byId = new HashMap<>();
    private final List<Key> all;

    VerificationKeys(JWKSource<SecurityContext> source) {
        try {
            for (JWK jwk : source.get(new JWKSelector(new JWKMatcher.Builder().build()), null)) {
                if (jwk instanceof RSAKey rsa) {
                    byId.put(rsa.getKeyID(), rsa.toRSAPublicKey());
                }
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("The identity keys cannot be read", e);
        }
        all = List.copyOf(byId.values());
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        if (!JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())) {
            return List.of();
        }
        if (header.getKeyID() == null) {
            return all;
        }
        Key key = byId.get(header.getKeyID());
        return key == null ? List.of() : List.of(key);
    }
}
