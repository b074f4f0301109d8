package org.citycard.card.internal;

import java.time.Duration;

import org.citycard.card.RateLimits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;

/** Rate limits of this node alone (the embedded default): buckets in a bounded cache, forgotten after a day. */
final class LocalRateLimits implements RateLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofDays(1)).build();

    @Override
    public boolean tryTake(String key, long capacity, Duration period) {
        return bucket(key, capacity, period).tryConsume(1);
    }

    private Bucket bucket(String key, long capacity, Duration period) {
        return buckets.get(key + "|" + capacity + "|" + period, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build());
    }
}
