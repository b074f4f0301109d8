package org.citycard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema in the shared test database for one test class, so runs never see each other's data; it is
 * dropped afterwards.
 */
public final class PostgresSchema {

    public static final String USER = System.getProperty("citycard.test.postgres-user", "postgres");
    public static final String DATABASE = System.getProperty("citycard.test.postgres-db", "test");

    private final String name = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + RequiredServices.POSTGRES_HOST + ":" + RequiredServices.POSTGRES_PORT + "/"
                + DATABASE + "?currentSchema=" + name;
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.flyway.default-schema", () -> name);
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(url(), USER, "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + name, e);
        }
    }
}
