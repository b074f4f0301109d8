package org.citycard.card.keys;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The card module's secrets ({@code citycard.card.keys.*}).
 *
 * @param privacyKeyset     Tink JSON keyset (AES-256-GCM) that encrypts ID numbers and phones
 * @param privacyIndexKey   Base64 key (32 bytes or more) of the blind index
 * @param codeKeys          dynamic-code signing keys, {@code id:base64seed,id:base64seed}
 * @param codeSigningKeyId  which of {@code codeKeys} signs new codes
 * @param developmentKeys   when the values above are not set, read them from {@code developmentFile}, creating it
 *                          with fresh keys on first start (default profile only; off in production)
 * @param developmentFile   where the development keys live
 */
@ConfigurationProperties("citycard.card.keys")
record CardKeysProperties(String privacyKeyset, String privacyIndexKey, String codeKeys,
                          @DefaultValue("1") int codeSigningKeyId, @DefaultValue("false") boolean developmentKeys,
                          @DefaultValue("./data/card-keys.properties") Path developmentFile) {

    boolean configured() {
        return notBlank(privacyKeyset) && notBlank(privacyIndexKey) && notBlank(codeKeys);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
