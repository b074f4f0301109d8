package org.citycard.health.vaccination.internal;

import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A connection from the application's Redis client, opened again when that client was replaced (Spring stops and
 * starts its connection factory with the application's lifecycle) or the connection closed.
 */
final class RedisConnection implements AutoCloseable {

    private final Supplier<AbstractRedisClient> clients;
    private AbstractRedisClient client;
    private StatefulRedisConnection<String, String> connection;

    RedisConnection(Supplier<AbstractRedisClient> clients) {
        this.clients = clients;
    }

    synchronized StatefulRedisConnection<String, String> get() {
        AbstractRedisClient current = clients.get();
        if (current != client || connection == null || !connection.isOpen()) {
            close();
            client = current;
            connection = ((RedisClient) current).connect();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
