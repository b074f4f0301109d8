package org.citycard.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;
import org.citycard.testing.RequiredServices;
import org.citycard.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The shared cache and the change broadcast on the real Redis, as two nodes would use them. */
class RedisCatalogCacheTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    private final PublishedService water = new PublishedService(
            Samples.service("420200SW-GG-0201", "水费缴纳", "Water bill payment", "utilities"), 1, Instant.parse("2026-11-01T00:00:00Z"));

    @BeforeAll
    static void connect() {
        RequiredServices.redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(RequiredServices.REDIS_HOST, RequiredServices.REDIS_PORT));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        redis.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        if (connections != null) {
            connections.destroy();
        }
    }

    @Test
    void a_read_cached_by_one_node_is_served_to_another_without_the_database() {
        var nodeA = new RedisCatalogCache(redis, Duration.ofMinutes(1));
        var nodeB = new RedisCatalogCache(redis, Duration.ofMinutes(1));
        nodeA.evictAll();
        AtomicInteger loads = new AtomicInteger();
        assertThat(nodeA.service(water.code(), () -> { loads.incrementAndGet(); return Optional.of(water); })).contains(water);
        assertThat(nodeB.service(water.code(), () -> { loads.incrementAndGet(); return Optional.of(water); })).contains(water);
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_publish_on_one_node_evicts_the_cache_of_every_node_at_once() {
        var nodeA = new RedisCatalogCache(redis, Duration.ofMinutes(1));
        var nodeB = new RedisCatalogCache(redis, Duration.ofMinutes(1));
        nodeB.service(water.code(), () -> Optional.of(water));
        var republished = new PublishedService(ManagedServiceTest.rename(water.definition(), "自来水费"), 2, Instant.now());
        nodeA.evictAll();
        assertThat(nodeB.service(water.code(), () -> Optional.of(republished)).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void other_nodes_hear_which_services_changed_and_the_sender_does_not_hear_itself() throws Exception {
        var sender = new RedisChangeBroadcast(redis, connections);
        var receiver = new RedisChangeBroadcast(redis, connections);
        List<ServiceCode> heardByReceiver = new CopyOnWriteArrayList<>();
        List<ServiceCode> heardBySender = new CopyOnWriteArrayList<>();
        receiver.onRemoteChange(heardByReceiver::addAll);
        sender.onRemoteChange(heardBySender::addAll);
        try {
            Thread.sleep(300); // subscriptions are asynchronous
            sender.send(Set.of(water.code()));
            long deadline = System.currentTimeMillis() + 5000;
            while (heardByReceiver.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(heardByReceiver).containsExactly(water.code());
            assertThat(heardBySender).isEmpty();
        } finally {
            sender.close();
            receiver.close();
        }
    }
}
