package org.citycard.catalog.internal;

import java.util.List;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.ServiceDefinition;

/** The catalog file: what export writes, import reads and the demo data is. */
record CatalogDocument(String format, int formatVersion, List<Category> categories, List<ServiceDefinition> services,
                       List<Bundle> bundles) {

    static final String FORMAT = "citycard-catalog";
    static final int FORMAT_VERSION = 1;

    CatalogDocument {
        categories = categories == null ? List.of() : List.copyOf(categories);
        services = services == null ? List.of() : List.copyOf(services);
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
    }
}
