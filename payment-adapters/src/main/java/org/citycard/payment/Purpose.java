package org.citycard.payment;

/**
 * What an order pays for, as the module that fulfils it names it ({@code WALLET_TOP_UP} and the wallet; later
 * bills, parking, vaccination). The payment module does not need to know the kinds: it only carries them.
 */
public record Purpose(String kind, String reference) {

    public static final String WALLET_TOP_UP = "WALLET_TOP_UP";

    public Purpose {
        if (kind == null || !kind.matches("[A-Z][A-Z0-9_]{2,31}")) {
            throw new IllegalArgumentException("a purpose kind is 3-32 upper-case letters, digits or _");
        }
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            throw new IllegalArgumentException("a purpose reference is 1-64 characters");
        }
    }
}
