package org.citycard.card;

/**
 * Who asks for an SMS code, as far as we know: the signed-in account (null when anonymous), the browser session
 * (null for the API), the source address (the socket's, or the client's behind a trusted proxy), and a solved
 * human check ({@link HumanCheck}), if the page ran one. Codes are counted against each.
 */
public record SmsRequester(CitizenId account, String session, String address, String humanProof) {

    /** Internal callers and tests: only the phone's own limits and the daily budget apply. */
    public static final SmsRequester INTERNAL = new SmsRequester(null, null, null, null);

    public SmsRequester withProof(String proof) {
        return new SmsRequester(account, session, address, proof);
    }

    public boolean anonymous() {
        return account == null;
    }
}
