package org.citycard.card.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.citycard.card.code.CodeKeys;
import org.citycard.card.privacy.PersonalDataProtection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the personal-data protection and the dynamic-code keys from configuration, or in development from a
 * key file it creates once. Without either it refuses to start, rather than run with made-up keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardKeysProperties.class)
class CardKeysConfiguration {

    @Bean
    Secrets cardSecrets(CardKeysProperties properties) {
        if (properties.configured()) {
            return new Secrets(properties.privacyKeyset(), properties.privacyIndexKey(), properties.codeKeys(),
                    properties.codeSigningKeyId());
        }
        if (!properties.developmentKeys()) {
            throw new IllegalStateException("citycard.card.keys.privacy-keyset, privacy-index-key and code-keys must be "
                    + "configured (citycard.card.keys.development-keys=true creates throw-away keys, for development only)");
        }
        return developmentSecrets(properties.developmentFile());
    }

    @Bean
    PersonalDataProtection personalDataProtection(Secrets secrets) {
        return PersonalDataProtection.of(secrets.privacyKeyset(), secrets.privacyIndexKey());
    }

    @Bean
    CodeKeys codeKeys(Secrets secrets) {
        Map<Integer, byte[]> seeds = new LinkedHashMap<>();
        for (String entry : secrets.codeKeys().split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("\\d{1,5}")) {
                throw new IllegalStateException("citycard.card.keys.code-keys must look like 1:<base64 seed>,2:<base64 seed>");
            }
            seeds.put(Integer.parseInt(parts[0]), Base64.getDecoder().decode(parts[1]));
        }
        return CodeKeys.of(secrets.codeSigningKeyId(), seeds);
    }

    /** The secret values; never printed. */
    record Secrets(String privacyKeyset, String privacyIndexKey, String codeKeys, int codeSigningKeyId) {
        @Override
        public String toString() {
            return "Secrets[hidden]";
        }
    }

    private static Secrets developmentSecrets(Path file) {
        try {
            Properties keys = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    keys.load(in);
                }
            } else {
                SecureRandom random = new SecureRandom();
                var privacy = PersonalDataProtection.generateKeys(random);
                byte[] seed = CodeKeys.generate(1, random).signingSeed();
                keys.setProperty("privacy-keyset", privacy.keysetJson());
                keys.setProperty("privacy-index-key", privacy.indexKeyBase64());
                keys.setProperty("code-keys", "1:" + Base64.getEncoder().encodeToString(seed));
                keys.setProperty("code-signing-key-id", "1");
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer out = Files.newBufferedWriter(file)) {
                    keys.store(out, "CityCard development keys (default profile only; never use in production)");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps its default permissions
                }
            }
            return new Secrets(keys.getProperty("privacy-keyset"), keys.getProperty("privacy-index-key"),
                    keys.getProperty("code-keys"), Integer.parseInt(keys.getProperty("code-signing-key-id", "1")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
