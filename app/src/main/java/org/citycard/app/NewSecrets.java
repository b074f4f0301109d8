package org.citycard.app;

import java.security.SecureRandom;
import java.util.Base64;

import org.citycard.card.code.CodeKeys;
import org.citycard.card.privacy.PersonalDataProtection;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Prints a fresh set of the secrets every node of one platform shares, as environment assignments a shell can source
 * ({@code set -a; . secrets.env}): the token-signing key, the personal-data keys, the dynamic-code key and the portal's
 * secret at the identity provider. Run once per platform and keep the output where the operators keep secrets:
 * {@code java -cp app.jar -Dloader.main=org.citycard.app.NewSecrets org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class NewSecrets {

    private NewSecrets() {
    }

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        var privacy = PersonalDataProtection.generateKeys(random);
        byte[] seed = CodeKeys.generate(1, random).signingSeed();
        byte[] portal = new byte[24];
        random.nextBytes(portal);
        System.out.println("# CityCard platform secrets: every node gets the same; keep them out of version control");
        System.out.println("CITYCARD_IDENTITY_JWK_SET='" + new JWKSet(IdentityKeys.generate()).toString(false) + "'");
        System.out.println("CITYCARD_CARD_KEYS_PRIVACY_KEYSET='" + privacy.keysetJson().replace("\n", "") + "'");
        System.out.println("CITYCARD_CARD_KEYS_PRIVACY_INDEX_KEY='" + privacy.indexKeyBase64() + "'");
        System.out.println("CITYCARD_CARD_KEYS_CODE_KEYS='1:" + Base64.getEncoder().encodeToString(seed) + "'");
        System.out.println("CITYCARD_CARD_KEYS_CODE_SIGNING_KEY_ID=1");
        System.out.println("CITYCARD_IDENTITY_PORTAL_CLIENT_SECRET='"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(portal) + "'");
    }
}
