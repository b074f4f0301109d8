package org.citycard.health.connector.provincial;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The Chinese commercial cryptography the platform speaks, through BouncyCastle's lightweight API: SM3 (GB/T
 * 32905-2016), HMAC-SM3, SM4 (GB/T 32907-2016) in GCM with a 96-bit IV and a 128-bit tag. Never ECB: a mode
 * without an IV shows equal contents as equal ciphertexts, and without a tag lets anyone flip bits unseen.
 */
final class Sm {

    static final int KEY_BYTES = 16;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private Sm() {
    }

    static byte[] sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] hmacSm3(byte[] key, byte[] data) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** One SM4 block, for checking the cipher against the standard's example. */
    static byte[] sm4Block(byte[] key, byte[] block, boolean encrypt) {
        SM4Engine engine = new SM4Engine();
        engine.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[16];
        engine.processBlock(block, 0, out, 0);
        return out;
    }

    static byte[] sm4GcmEncrypt(byte[] key, byte[] iv, byte[] aad, byte[] plain) {
        try {
            return gcm(true, key, iv, aad, plain);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plaintext, or an exception when the ciphertext, the IV, the key or the associated data were altered. */
    static byte[] sm4GcmDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] sealed) throws InvalidCipherTextException {
        return gcm(false, key, iv, aad, sealed);
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] aad, byte[] input)
            throws InvalidCipherTextException {
        org.bouncycastle.crypto.modes.GCMModeCipher cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, out, 0);
        n += cipher.doFinal(out, n);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
