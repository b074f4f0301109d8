package org.citycard.app;

import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the platform tests: they all share one started application (the same context configuration),
 * one fresh PostgreSQL schema and the Redis cache.
 */
@CityCardTest
abstract class PlatformTest {

    /**
     * Today's all-day slot cannot be booked or checked in at in the day's last minutes (China time): a test that books
     * it and walks on waits for the next day instead of failing once in a while around midnight.
     */
    static void awayFromMidnight() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(org.citycard.kernel.ChinaTime.ZONE);
        if (now.toLocalTime().isAfter(java.time.LocalTime.of(23, 50))) {
            java.time.Duration wait = java.time.Duration.between(now,
                    now.toLocalDate().plusDays(1).atStartOfDay(org.citycard.kernel.ChinaTime.ZONE)).plusSeconds(2);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }


    static final PostgresSchema SCHEMA = new PostgresSchema();
    /** Development key files and the like go here, never into the working tree. */
    static final java.nio.file.Path DATA;

    static {
        try {
            DATA = java.nio.file.Files.createTempDirectory("citycard-platform-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                SCHEMA.drop();
            } catch (RuntimeException e) {
                // the database may be gone at shutdown; the schema is disposable anyway
            }
        }));
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void requireServices() {
        RequiredServices.postgres();
        RequiredServices.redis();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        useServices(registry, SCHEMA);
        registry.add("citycard.data-dir", () -> DATA.toString());
    }

    /** The test PostgreSQL (in its own schema) and Redis, for any platform test. */
    static void useServices(DynamicPropertyRegistry registry, PostgresSchema schema) {
        schema.register(registry);
        RequiredServices.registerRedis(registry);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext applicationContext;

    /**
     * Vaadin installs its security-context strategy JVM-wide, one per application context. When another test class
     * started a second platform in this JVM, this platform's filters would read a different strategy than the
     * authorization server's static lookups; put this platform's back. (One platform per JVM in production.)
     */
    @org.junit.jupiter.api.BeforeEach
    void useThisPlatformsSecurityContextStrategy() {
        applicationContext.getBeanProvider(org.springframework.security.core.context.SecurityContextHolderStrategy.class)
                .ifAvailable(org.springframework.security.core.context.SecurityContextHolder::setContextHolderStrategy);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.citycard.sandbox.Sandbox sandbox;

    /** A path on this node, or an address as given (the sandbox's, say). */
    String url(String path) {
        return path.startsWith("http") ? path : "http://localhost:" + port + path;
    }
}
