package org.citycard.card.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A code is accepted once: by one node (in process) and across nodes (Redis), even when scanned twice at once. */
class ReplayGuardTest {

    @Test
    void the_in_process_guard_lets_each_code_through_once() throws Exception {
        assertOnce(new LocalReplayGuard(Duration.ofMinutes(2)));
    }

    @Test
    void the_redis_guard_lets_each_code_through_once_across_nodes() throws Exception {
        RequiredServices.redis();
        var connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(RequiredServices.REDIS_HOST, RequiredServices.REDIS_PORT));
        connections.afterPropertiesSet();
        try {
            // two guards on one Redis are two nodes
            var nodeA = new RedisReplayGuard(new StringRedisTemplate(connections));
            var nodeB = new RedisReplayGuard(new StringRedisTemplate(connections));
            String key = UUID.randomUUID().toString();
            assertThat(nodeA.firstUse(key, Duration.ofSeconds(5))).isTrue();
            assertThat(nodeB.firstUse(key, Duration.ofSeconds(5))).isFalse();
            assertOnce(nodeB);
        } finally {
            connections.destroy();
        }
    }

    private static void assertOnce(ReplayGuard guard) throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> uses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            uses.add(pool.submit(() -> guard.firstUse(key, Duration.ofSeconds(5))));
        }
        int accepted = 0;
        for (Future<Boolean> use : uses) {
            accepted += use.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(1);
    }
}
