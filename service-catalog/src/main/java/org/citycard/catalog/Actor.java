package org.citycard.catalog;

import java.util.Set;

/** The administrator doing something to the catalog, as the security layer authenticated them. */
public record Actor(String username, Set<CatalogRole> roles) {

    /** The platform itself (demo data); never a person, so never subject to four eyes. */
    public static final Actor SYSTEM = new Actor("system", Set.of(CatalogRole.ADMIN));

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean canEdit() {
        return roles.contains(CatalogRole.CATALOG_EDITOR) || roles.contains(CatalogRole.ADMIN);
    }

    public boolean canPublish() {
        return roles.contains(CatalogRole.CATALOG_PUBLISHER) || roles.contains(CatalogRole.ADMIN);
    }
}
