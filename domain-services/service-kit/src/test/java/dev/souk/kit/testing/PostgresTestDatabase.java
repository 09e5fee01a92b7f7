package dev.souk.kit.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a fresh database on the real PostgreSQL server for one test class. The server is part of every
 * development and CI machine (see the README); when it cannot be reached the test fails with that message
 * rather than being skipped.
 */
public final class PostgresTestDatabase {

    public static final String HOST = System.getenv().getOrDefault("SOUK_TEST_PG_HOST", "127.0.0.1:5432");
    public static final String USER = System.getenv().getOrDefault("SOUK_TEST_PG_USER", "postgres");

    private PostgresTestDatabase() {
    }

    /**
     * Points the service under test at a fresh database {@code name} with a pool of {@code poolSize} connections,
     * from a {@code @DynamicPropertySource} method.
     */
    public static void use(DynamicPropertyRegistry registry, String name, int poolSize) {
        registry.add("spring.datasource.url", () -> recreate(name));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> String.valueOf(poolSize));
    }

    /** Drops and re-creates {@code name}; answers its JDBC url. */
    public static String recreate(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        String admin = "jdbc:postgresql://" + HOST + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at " + HOST
                    + " as " + USER + " (start it with: pg_ctlcluster 15 main start): " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + HOST + "/" + name;
    }
}
