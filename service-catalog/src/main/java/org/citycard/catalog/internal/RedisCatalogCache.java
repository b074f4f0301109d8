package org.citycard.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JavaType;

/**
 * The shared cache in Redis. Keys carry a generation number; a change increments it, so every node stops
 * reading the old entries at the same moment (they expire on their own).
 */
final class RedisCatalogCache implements CatalogCache {

    static final String GENERATION = "citycard:catalog:generation";

    private static final JavaType CATEGORIES = CatalogJson.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, Category.class);
    private static final JavaType BUNDLES = CatalogJson.MAPPER.getTypeFactory()
            .constructCollectionType(List.class, Bundle.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    RedisCatalogCache(StringRedisTemplate redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public Optional<PublishedService> service(ServiceCode code, Supplier<Optional<PublishedService>> loader) {
        String key = key("service:" + code.value());
        String hit = redis.opsForValue().get(key);
        if (hit != null) {
            return Optional.of(CatalogJson.read(hit, PublishedService.class));
        }
        Optional<PublishedService> loaded = loader.get();
        loaded.ifPresent(s -> redis.opsForValue().set(key, CatalogJson.write(s), ttl));
        return loaded;
    }

    @Override
    public List<Category> categories(Supplier<List<Category>> loader) {
        return list("categories", CATEGORIES, loader);
    }

    @Override
    public List<Bundle> bundles(Supplier<List<Bundle>> loader) {
        return list("bundles", BUNDLES, loader);
    }

    @Override
    public void evictAll() {
        redis.opsForValue().increment(GENERATION);
    }

    private <T> List<T> list(String name, JavaType type, Supplier<List<T>> loader) {
        String key = key(name);
        String hit = redis.opsForValue().get(key);
        if (hit != null) {
            return CatalogJson.MAPPER.readValue(hit, type);
        }
        List<T> loaded = loader.get();
        redis.opsForValue().set(key, CatalogJson.write(loaded), ttl);
        return loaded;
    }

    private String key(String name) {
        String generation = redis.opsForValue().get(GENERATION);
        return "citycard:catalog:" + (generation == null ? "0" : generation) + ":" + name;
    }
}
