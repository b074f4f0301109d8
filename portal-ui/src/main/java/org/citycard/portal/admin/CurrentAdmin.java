package org.citycard.portal.admin;

import java.util.EnumSet;
import java.util.Set;

import org.citycard.catalog.Actor;
import org.citycard.catalog.CatalogRole;

import com.vaadin.flow.spring.security.AuthenticationContext;

/** The signed-in administrator as the catalog sees them: name and catalog roles. */
final class CurrentAdmin {

    private CurrentAdmin() {
    }

    static Actor of(AuthenticationContext auth) {
        String name = auth.getPrincipalName().orElseThrow(() -> new IllegalStateException("not signed in"));
        Set<CatalogRole> roles = EnumSet.noneOf(CatalogRole.class);
        for (CatalogRole role : CatalogRole.values()) {
            if (auth.hasRole(role.name())) {
                roles.add(role);
            }
        }
        return new Actor(name, roles);
    }
}
