package org.citycard.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;

/** Cached reads of the published catalog, in-process or in Redis; a change evicts everything at once. */
interface CatalogCache {

    Optional<PublishedService> service(ServiceCode code, Supplier<Optional<PublishedService>> loader);

    List<Category> categories(Supplier<List<Category>> loader);

    List<Bundle> bundles(Supplier<List<Bundle>> loader);

    void evictAll();
}
