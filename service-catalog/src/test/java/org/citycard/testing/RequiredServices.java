package org.citycard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need PostgreSQL, Redis or a browser call this first. On a developer's machine a missing service
 * skips the test; with {@code -Dcitycard.require-services=true} (what CI sets) it fails the run.
 */
public final class RequiredServices {

    public static final String POSTGRES_HOST = System.getProperty("citycard.test.postgres-host", "127.0.0.1");
    public static final int POSTGRES_PORT = Integer.getInteger("citycard.test.postgres-port", 5432);
    public static final String REDIS_HOST = System.getProperty("citycard.test.redis-host", "127.0.0.1");
    public static final int REDIS_PORT = Integer.getInteger("citycard.test.redis-port", 6379);

    private RequiredServices() {
    }

    public static boolean required() {
        return Boolean.getBoolean("citycard.require-services");
    }

    public static void postgres() {
        need("PostgreSQL", POSTGRES_HOST, POSTGRES_PORT);
    }

    public static void redis() {
        need("Redis", REDIS_HOST, REDIS_PORT);
    }

    /** Points the application at the test Redis. */
    public static void registerRedis(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> REDIS_HOST);
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
    }

    /** Fails or skips, as configured, when {@code present} is false. */
    public static void need(String what, boolean present, String hint) {
        if (present) {
            return;
        }
        String message = what + " is not available: " + hint;
        if (required()) {
            Assertions.fail(message + " (citycard.require-services=true)");
        }
        Assumptions.abort(message + " (skipped; CI requires it)");
    }

    private static void need(String what, String host, int port) {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            reachable = true;
        } catch (IOException e) {
            reachable = false;
        }
        need(what, reachable, "nothing listens on " + host + ":" + port);
    }
}
