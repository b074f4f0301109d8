package org.citycard.portal.account;

import java.util.Optional;

import org.citycard.card.CitizenId;

import com.vaadin.flow.spring.security.AuthenticationContext;

/** The signed-in citizen: the token's subject is their id (staff accounts have none). */
final class CurrentCitizen {

    private CurrentCitizen() {
    }

    static Optional<CitizenId> of(AuthenticationContext auth) {
        return auth.getPrincipalName().flatMap(CitizenId::parse);
    }
}
