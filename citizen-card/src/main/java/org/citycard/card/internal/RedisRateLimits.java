package org.citycard.card.internal;

import java.time.Duration;
import java.util.function.Supplier;

import org.citycard.card.RateLimits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Rate limits every node shares: Bucket4j's compare-and-swap buckets in Redis, through Lettuce. The connection
 * comes from the application's Redis client, and is opened again when that client was replaced (Spring stops and
 * starts its connection factory with the application's lifecycle).
 */
final class RedisRateLimits implements RateLimits, AutoCloseable {

    private final Supplier<AbstractRedisClient> clients;
    private AbstractRedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private ProxyManager<String> buckets;

    RedisRateLimits(Supplier<AbstractRedisClient> clients) {
        this.clients = clients;
    }

    @Override
    public boolean tryTake(String key, long capacity, Duration period) {
        return bucket(key, capacity, period).tryConsume(1);
    }

    private BucketProxy bucket(String key, long capacity, Duration period) {
        return buckets().builder().build("citycard:limit:" + key + "|" + capacity + "|" + period.toSeconds(),
                () -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build());
    }

    private synchronized ProxyManager<String> buckets() {
        AbstractRedisClient current = clients.get();
        if (current != client || connection == null || !connection.isOpen()) {
            close();
            client = current;
            connection = ((RedisClient) current).connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
                    .build();
        }
        return buckets;
    }

    @Override
    public synchronized void close() {
        if (connection != null && connection.isOpen()) {
            connection.close();
        }
        connection = null;
    }
}
