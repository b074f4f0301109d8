package org.citycard.catalog.internal;

import java.util.Set;

import org.citycard.catalog.ServiceCode;

/**
 * Something citizens see changed: these services (published, archived, restored, rolled back) or, when
 * {@code structure} is set, categories or bundles. Applied to the search index and caches after commit.
 */
record CatalogChanged(Set<ServiceCode> services, boolean structure) {

    static CatalogChanged service(ServiceCode code) {
        return new CatalogChanged(Set.of(code), false);
    }

    static CatalogChanged structural() {
        return new CatalogChanged(Set.of(), true);
    }
}
