package org.citycard.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.citycard.catalog.ServiceCode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Redis pub/sub between nodes: "these services changed, refresh your search index". */
final class RedisChangeBroadcast implements CatalogIndexer.ChangeBroadcast, AutoCloseable {

    static final String CHANNEL = "citycard:catalog:changed";

    private final String node = UUID.randomUUID().toString();
    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer container;

    RedisChangeBroadcast(StringRedisTemplate redis, RedisConnectionFactory connections) {
        this.redis = redis;
        this.container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public void send(Set<ServiceCode> codes) {
        if (!codes.isEmpty()) {
            redis.convertAndSend(CHANNEL, node + " " + String.join(" ", codes.stream().map(ServiceCode::value).toList()));
        }
    }

    @Override
    public void onRemoteChange(Consumer<List<ServiceCode>> handler) {
        container.addMessageListener((message, pattern) -> {
            String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(" ");
            if (parts.length < 2 || parts[0].equals(node)) {
                return;
            }
            List<ServiceCode> codes = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                ServiceCode.parse(parts[i]).ifPresent(codes::add);
            }
            handler.accept(codes);
        }, new ChannelTopic(CHANNEL));
    }

    @Override
    public void close() {
        container.stop();
    }
}
