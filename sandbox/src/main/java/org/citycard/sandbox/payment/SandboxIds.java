package org.citycard.sandbox.payment;

import java.security.SecureRandom;

/** Random tokens and digit strings for the ids the sandbox channels hand out. */
final class SandboxIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private SandboxIds() {
    }

    /** Letters and digits that cannot be mistaken for one another. */
    static String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return token.toString();
    }

    static String digits(int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
