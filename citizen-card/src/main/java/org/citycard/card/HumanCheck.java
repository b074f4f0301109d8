package org.citycard.card;

/**
 * The check an anonymous page runs before more SMS codes are sent from one browser or address: a proof of work
 * that the browser computes by itself (SHA-256 until the hash starts with {@code difficulty} zero bits), so
 * nobody has to read, transcribe or solve anything (WCAG 2.2 SC 3.3.8), while a script that pumps codes pays
 * for each. A challenge is signed, lasts five minutes and is good for one code.
 */
public interface HumanCheck {

    Challenge challenge();

    /**
     * A challenge to solve: find a number {@code n} such that SHA-256 of {@code token + ":" + n} (UTF-8) starts
     * with {@code difficulty} zero bits; the proof is {@code token + ":" + n}.
     */
    record Challenge(String token, int difficulty) {
    }
}
