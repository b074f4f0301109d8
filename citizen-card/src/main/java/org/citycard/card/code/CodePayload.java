package org.citycard.card.code;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a dynamic code says, in 34 bytes: format version, key id, purpose, an opaque card token (never the card
 * number), issued-at (epoch seconds), validity (seconds) and a random nonce. Big-endian, fixed layout, so any
 * terminal library can read it.
 */
public record CodePayload(int keyId, CodePurpose purpose, byte[] cardToken, Instant issuedAt, Duration validity,
                          long nonce) {

    static final int VERSION = 1;
    static final int LENGTH = 1 + 2 + 1 + 16 + 4 + 2 + 8;
    public static final int TOKEN_LENGTH = 16;

    public CodePayload {
        if (keyId < 0 || keyId > 0xFFFF) {
            throw new IllegalArgumentException("key id must fit in two bytes");
        }
        if (cardToken == null || cardToken.length != TOKEN_LENGTH) {
            throw new IllegalArgumentException("card token must be " + TOKEN_LENGTH + " bytes");
        }
        if (validity.isNegative() || validity.getSeconds() > 0xFFFF) {
            throw new IllegalArgumentException("validity out of range");
        }
        cardToken = cardToken.clone();
        issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
    }

    public Instant expiresAt() {
        return issuedAt.plus(validity);
    }

    @Override
    public byte[] cardToken() {
        return cardToken.clone();
    }

    /** The token as hex, for lookups. */
    public String cardTokenHex() {
        return HexFormat.of().formatHex(cardToken);
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH)
                .put((byte) VERSION)
                .putShort((short) keyId)
                .put((byte) purpose.wire)
                .put(cardToken)
                .putInt((int) issuedAt.getEpochSecond())
                .putShort((short) validity.getSeconds())
                .putLong(nonce)
                .array();
    }

    /** The payload, or null when the bytes are not one (wrong length, version or purpose). */
    static CodePayload decode(byte[] bytes) {
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        int keyId = Short.toUnsignedInt(in.getShort());
        CodePurpose purpose = CodePurpose.fromWire(Byte.toUnsignedInt(in.get()));
        byte[] token = new byte[TOKEN_LENGTH];
        in.get(token);
        Instant issuedAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
        Duration validity = Duration.ofSeconds(Short.toUnsignedInt(in.getShort()));
        long nonce = in.getLong();
        return purpose == null ? null : new CodePayload(keyId, purpose, token, issuedAt, validity, nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePayload p && p.keyId == keyId && p.purpose == purpose
                && Arrays.equals(p.cardToken, cardToken) && p.issuedAt.equals(issuedAt)
                && p.validity.equals(validity) && p.nonce == nonce;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "CodePayload[" + purpose + ", key " + keyId + ", issued " + issuedAt + "]";
    }
}
