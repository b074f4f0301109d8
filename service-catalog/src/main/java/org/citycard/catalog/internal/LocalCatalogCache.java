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
    /** Part of every key: a read loaded just before a change is stored under the old generation, never seen again. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private record Key(long generation, Object name) {
    }

    LocalCatalogCache(Duration ttl) {
        cache = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(ttl).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<PublishedService> service(ServiceCode code, Supplier<Optional<PublishedService>> loader) {
        Key key = new Key(generation.get(), code);
        Object hit = cache.getIfPresent(key);
        if (hit != null) {
            return Optional.of((PublishedService) hit);
        }
        Optional<PublishedService> loaded = loader.get();
        loaded.ifPresent(s -> cache.put(key, s));
        return loaded;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Category> categories(Supplier<List<Category>> loader) {
        return (List<Category>) cache.get(new Key(generation.get(), "categories"), k -> loader.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Bundle> bundles(Supplier<List<Bundle>> loader) {
        return (List<Bundle>) cache.get(new Key(generation.get(), "bundles"), k -> loader.get());
    }

    @Override
    public void evictAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
