package io.keyward.server.it;

import io.keyward.server.platform.SecretHasher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Arranges what the Graph API itself cannot create yet: confidential clients with chosen application
 * permissions. Writes the rows the server reads, with the secret hashed exactly as the server does.
 */
final class TestDirectory {

    record Client(String clientId, String secret) {
    }

    private TestDirectory() {
    }

    static Client client(String name, Set<String> permissions) {
        UUID id = UUID.randomUUID();
        UUID appId = UUID.randomUUID();
        String secret = SecretHasher.generateSecret(40);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement app = db.prepareStatement(
                    "insert into application (id, app_id, display_name, created_at, version) values (?, ?, ?, ?, 0)")) {
                app.setObject(1, id);
                app.setObject(2, appId);
                app.setString(3, name);
                app.setTimestamp(4, now);
                app.executeUpdate();
            }
            for (String permission : permissions) {
                try (PreparedStatement grant = db.prepareStatement(
                        "insert into application_permission (application_id, permission) values (?, ?)")) {
                    grant.setObject(1, id);
                    grant.setString(2, permission);
                    grant.executeUpdate();
                }
            }
            try (PreparedStatement cred = db.prepareStatement("insert into client_secret (id, application_id, display_name, hint, "
                    + "secret_hash, created_at, expires_at) values (?, ?, 'test', ?, ?, ?, ?)")) {
                cred.setObject(1, UUID.randomUUID());
                cred.setObject(2, id);
                cred.setString(3, secret.substring(0, 3));
                cred.setString(4, SecretHasher.hashSecret(secret));
                cred.setTimestamp(5, now);
                cred.setTimestamp(6, Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
                cred.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot arrange test client " + name, e);
        }
        return new Client(appId.toString(), secret);
    }

    /**
     * A client of the authorization code flow: confidential (with a secret) or public, its exact redirect and
     * sign-out redirect URIs, and the delegated Graph permissions an administrator granted it.
     */
    static Client webApp(String name, boolean confidential, Set<String> redirectUris, Set<String> logoutUris, Set<String> delegated) {
        Client client = client(name, Set.of());
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            UUID id;
            try (PreparedStatement find = db.prepareStatement("select id from application where app_id = ?")) {
                find.setObject(1, UUID.fromString(client.clientId()));
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            try (PreparedStatement type = db.prepareStatement("update application set client_type = ? where id = ?")) {
                type.setString(1, confidential ? "CONFIDENTIAL" : "PUBLIC");
                type.setObject(2, id);
                type.executeUpdate();
            }
            if (!confidential) {
                try (PreparedStatement secrets = db.prepareStatement("delete from client_secret where application_id = ?")) {
                    secrets.setObject(1, id);
                    secrets.executeUpdate();
                }
            }
            insertAll(db, "insert into application_redirect_uri (application_id, uri) values (?, ?)", id, redirectUris);
            insertAll(db, "insert into application_logout_uri (application_id, uri) values (?, ?)", id, logoutUris);
            insertAll(db, "insert into application_delegated_permission (application_id, permission) values (?, ?)", id, delegated);
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot arrange web app " + name, e);
        }
        return confidential ? client : new Client(client.clientId(), null);
    }

    private static void insertAll(Connection db, String sql, UUID id, Set<String> values) throws SQLException {
        for (String value : values) {
            try (PreparedStatement st = db.prepareStatement(sql)) {
                st.setObject(1, id);
                st.setString(2, value);
                st.executeUpdate();
            }
        }
    }

    /** Runs an update (e.g. to age a row past its expiry) and returns how many rows it changed. */
    static int update(String sql, Object... args) {
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives a user a directory role (by Entra role template id), as the bootstrap does for its Global Administrator. */
    static void assignRole(String userId, String roleTemplateId) {
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement(
                "insert into directory_role_assignment (user_id, role_template_id, assigned_at) values (?, ?, ?)")) {
            st.setObject(1, UUID.fromString(userId));
            st.setString(2, roleTemplateId);
            st.setTimestamp(3, Timestamp.from(Instant.now()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot assign role " + roleTemplateId + " to " + userId, e);
        }
    }

    static String tenantId() {
        try (Connection db = connect(); ResultSet rs = db.createStatement().executeQuery("select id from tenant")) {
            if (!rs.next()) {
                throw new IllegalStateException("The server has not created its tenant");
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, Object... args) {
        try (Connection db = connect(); PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("keyward.test.db.url"),
                System.getProperty("keyward.test.db.user"), System.getProperty("keyward.test.db.password"));
    }
}
