package org.citycard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The token-signing keys: from configuration in production, or a development key set created once under the data
 * directory (mode 600) so that tokens survive a restart on a newcomer's machine.
 */
final class IdentityKeys {

    private IdentityKeys() {
    }

    static JWKSet load(IdentityProperties properties) {
        if (properties.jwkSet() != null && !properties.jwkSet().isBlank()) {
            return parse(properties.jwkSet());
        }
        if (!properties.developmentKeys()) {
            throw new IllegalStateException("citycard.identity.jwk-set must be configured (citycard.identity."
                    + "development-keys=true creates throw-away keys, for development only)");
        }
        Path file = properties.developmentFile();
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file));
            }
            JWKSet keys = new JWKSet(generate());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, keys.toString(false));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new RSA signing key; put it first in the configured set to rotate. */
    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet parse(String json) {
        try {
            JWKSet keys = JWKSet.parse(json);
            if (keys.getKeys().isEmpty() || !keys.getKeys().getFirst().isPrivate()) {
                throw new IllegalStateException("the first key of citycard.identity.jwk-set must be a private key");
            }
            return keys;
        } catch (ParseException e) {
            throw new IllegalStateException("citycard.identity.jwk-set is not a JWK set", e);
        }
    }
}
