package io.keyward.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL databases of the production-mode scenarios, on the server the suite's test database is on
 * ({@code keyward.test.db.url}), named after that database so that checkouts testing side by side do not collide.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    /** {@code <test database>_<suffix>}. */
    static String named(String suffix) {
        return serverUrl().replaceAll("^.*/([^/?]*)(\\?.*)?$", "$1") + "_" + suffix;
    }

    static void recreate(String database) throws SQLException {
        try (Connection db = connect("postgres"); Statement st = db.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
            st.execute("create database " + database);
        }
    }

    static void drop(String database) throws SQLException {
        try (Connection db = connect("postgres"); Statement st = db.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user(), password());
    }

    /** The {@code KEYWARD_DB_*} environment of {@code ./keyward start} for this database. */
    static Map<String, String> environment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("KEYWARD_DB_URL", url(database));
        env.put("KEYWARD_DB_USER", user());
        env.put("KEYWARD_DB_PASSWORD", password());
        return env;
    }

    static String serverUrl() {
        return System.getProperty("keyward.test.db.url", "jdbc:postgresql://127.0.0.1:5432/keyward_test");
    }

    private static String url(String database) {
        return serverUrl().replaceAll("/[^/?]*(\\?.*)?$", "/" + database);
    }

    private static String user() {
        return System.getProperty("keyward.test.db.user", "postgres");
    }

    private static String password() {
        return System.getProperty("keyward.test.db.password", "keyward");
    }
}
