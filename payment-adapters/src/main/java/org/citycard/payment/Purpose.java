package org.citycard.payment;

/**
 * What an order pays for, as the module that fulfils it names it (the wallet's top-ups; later bills, parking,
 * vaccination) and its own reference. The payment module knows none of the kinds: it only carries them back in its
 * events.
 */
public record Purpose(String kind, String reference) {

    public Purpose {
        if (kind == null || !kind.matches("[A-Z][A-Z0-9_]{2,31}")) {
            throw new IllegalArgumentException("a purpose kind is 3-32 upper-case letters, digits or _");
        }
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            throw new IllegalArgumentException("a purpose reference is 1-64 characters");
        }
    }
}
