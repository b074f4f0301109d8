package org.citycard.portal.account;

import org.citycard.card.Citizen;

/**
 * The identity provider's browser session, which the sign-in pages open once a citizen has proved who they are.
 * Implemented by the application's security wiring.
 */
public interface IdentityProviderSession {

    /** Signs the citizen in at the identity provider and returns where the browser goes next. */
    String signIn(Citizen citizen);

    /**
     * Where a browser signs in when the city's own identity provider is used instead of the embedded one; empty
     * while the embedded provider (and so these pages) is in use.
     */
    default java.util.Optional<String> externalSignIn() {
        return java.util.Optional.empty();
    }
}
