package org.citycard.card.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Encrypts personal data for storage and computes its blind index. The field name is authenticated with the
 * ciphertext, so an ID number's ciphertext copied into the phone column does not decrypt. Keys come from
 * configuration: a Tink keyset (JSON, rotatable: old keys keep decrypting) and a separate 32-byte index key.
 */
public final class PersonalDataProtection {

    /** The fields that hold personal data; each has its own associated data and index domain. */
    public enum Field { ID_NUMBER, PHONE, NAME, ADDRESS, SECRET, BILL_ACCOUNT, VEHICLE_LICENCE }

    private final Aead aead;
    private final byte[] indexKey;

    private PersonalDataProtection(Aead aead, byte[] indexKey) {
        if (indexKey.length < 32) {
            throw new IllegalArgumentException("the blind-index key must be at least 32 bytes");
        }
        this.aead = aead;
        this.indexKey = indexKey.clone();
    }

    /** From the configured keyset (Tink JSON) and index key (Base64). */
    public static PersonalDataProtection of(String keysetJson, String indexKeyBase64) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            return new PersonalDataProtection(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Base64.getDecoder().decode(indexKeyBase64));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the personal-data keyset cannot be read", e);
        }
    }

    /** New development keys: a fresh AES-256-GCM keyset and index key (what the default profile writes to ./data). */
    public static Keys generateKeys(SecureRandom random) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] index = new byte[32];
            random.nextBytes(index);
            return new Keys(TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
                    Base64.getEncoder().encodeToString(index));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration values, secret. */
    public record Keys(String keysetJson, String indexKeyBase64) {
        @Override
        public String toString() {
            return "Keys[secret]";
        }
    }

    public byte[] encrypt(Field field, String plaintext) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** A document (a scanned vehicle licence) encrypted as it is. */
    public byte[] encryptBytes(Field field, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, associatedData(field));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** A document as it was given; a ciphertext of another field, another key or altered bytes is refused. */
    public byte[] decryptBytes(Field field, byte[] ciphertext) {
        try {
            return aead.decrypt(ciphertext, associatedData(field));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("personal data does not decrypt for " + field, e);
        }
    }

    /** The plaintext; a ciphertext of another field, another key or altered bytes is refused. */
    public String decrypt(Field field, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(field)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("personal data does not decrypt for " + field, e);
        }
    }

    /**
     * The blind index of a normalised value: HMAC-SHA256 under the index key, separated by field, hex. Equal values
     * give equal indexes (lookup, uniqueness); without the key nothing can be learned or guessed from it.
     */
    public String blindIndex(Field field, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(indexKey, "HmacSHA256"));
            mac.update(associatedData(field));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] associatedData(Field field) {
        return ("citycard:" + field.name()).getBytes(StandardCharsets.US_ASCII);
    }
}
