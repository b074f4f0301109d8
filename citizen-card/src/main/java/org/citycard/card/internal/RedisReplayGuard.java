package org.citycard.card.internal;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

/** The replay guard every node shares: {@code SET key 1 NX PX ttl} is atomic, so one node wins. */
final class RedisReplayGuard implements ReplayGuard {

    private final StringRedisTemplate redis;

    RedisReplayGuard(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public boolean firstUse(String key, Duration ttl) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent("citycard:code-used:" + key, "1", ttl));
    }
}
