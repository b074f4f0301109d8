package org.citycard.card.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** One node's replay guard (the default profile): entries live a little longer than any code stays valid. */
final class LocalReplayGuard implements ReplayGuard {

    private final Cache<String, Boolean> seen;

    LocalReplayGuard(Duration longestTtl) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(longestTtl).maximumSize(5_000_000).build();
    }

    @Override
    public boolean firstUse(String key, Duration ttl) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }
}
