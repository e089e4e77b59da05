package io.keyward.server.platform;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

/**
 * Recognizes a failure caused by the database not answering (an outage, a restart, a network cut, a pool with no
 * connection to lend) as opposed to a defect, so that the edges answer {@code 503 serviceUnavailable} with
 * {@code Retry-After} instead of a 500, and log it as what it is. A request that fails this way committed nothing:
 * each request's writes are one transaction, rolled back as a whole.
 *
 * <p>Recognized, anywhere in the cause chain: JDBC's connection exceptions ({@link SQLTransientConnectionException},
 * {@link SQLNonTransientConnectionException}, {@link SQLRecoverableException}) and any {@link SQLException} whose
 * SQLState is of class {@code 08} (connection exception) or {@code 57P0x} (PostgreSQL shutting down or restarting);
 * Hibernate's {@code JDBCConnectionException}; IronJacamar's failure to get a managed connection ({@code IJ000453},
 * {@code IJ000655}, {@code IJ031084}); a refused TCP connection.
 */
public final class DatabaseUnavailable {

    /** How long a client is told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** The words people and clients are given. */
    public static final String MESSAGE = "Keyward cannot reach its database at the moment. Nothing was changed; try again in a few seconds.";

    private static final int MAX_DEPTH = 20;

    private DatabaseUnavailable() {
    }

    /** The failure's cause that shows the database is unavailable, if it is one. */
    public static Optional<Throwable> causeOf(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isConnectionFailure(current)) {
                return Optional.of(current);
            }
            Throwable next = current.getCause();
            if (next == null && current instanceof SQLException sql) {
                next = sql.getNextException();
            }
            current = next == current ? null : next;
        }
        return Optional.empty();
    }

    public static boolean is(Throwable failure) {
        return causeOf(failure).isPresent();
    }

    private static boolean isConnectionFailure(Throwable failure) {
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException || failure instanceof ConnectException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
            return true;
        }
        String type = failure.getClass().getName();
        if (type.equals("org.hibernate.exception.JDBCConnectionException")) {
            return true;
        }
        String message = failure.getMessage();
        return type.startsWith("jakarta.resource.") && message != null
                && (message.contains("IJ000453") || message.contains("IJ000655") || message.contains("IJ031084"));
    }
}
