package org.citycard.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The in-process cache (Caffeine): the default for a single node. */
final class LocalCatalogCache implements CatalogCache {

    private final Cache<Object, Object> cache;

    LocalCatalogCache(Duration ttl) {
        cache = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(ttl).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<PublishedService> service(ServiceCode code, Supplier<Optional<PublishedService>> loader) {
        Object hit = cache.getIfPresent(code);
        if (hit != null) {
            return Optional.of((PublishedService) hit);
        }
        Optional<PublishedService> loaded = loader.get();
        loaded.ifPresent(s -> cache.put(code, s));
        return loaded;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Category> categories(Supplier<List<Category>> loader) {
        return (List<Category>) cache.get("categories", k -> loader.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Bundle> bundles(Supplier<List<Bundle>> loader) {
        return (List<Bundle>) cache.get("bundles", k -> loader.get());
    }

    @Override
    public void evictAll() {
        cache.invalidateAll();
    }
}
