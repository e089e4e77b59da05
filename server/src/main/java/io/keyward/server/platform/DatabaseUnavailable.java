package io.keyward.server.platform;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes a failure caused by the database not answering (an outage, a restart, a network cut, a pool with no
 * connection to lend) as opposed to a defect, so that the edges answer {@code 503 serviceUnavailable} with
 * {@code Retry-After} instead of a 500, and log it as what it is. A request that fails this way committed nothing:
 * each request's writes are one transaction, rolled back as a whole.
 *
 * <p>Recognized, anywhere among the causes (and suppressed exceptions): JDBC's connection exceptions ({@link SQLTransientConnectionException},
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

    /** How many exceptions of one failure are examined at most (a chain can loop, a library can nest deeply). */
    private static final int MAX_EXAMINED = 50;

    private DatabaseUnavailable() {
    }

    /**
     * The failure's cause that shows the database is unavailable, if it is one: the nearest, searching the causes, the
     * next exceptions of an {@link SQLException} and the suppressed exceptions (Narayana attaches the resource's
     * failure to commit, with the driver's exception as its cause, to its {@code RollbackException} that way).
     */
    public static Optional<Throwable> causeOf(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() < MAX_EXAMINED) {
            Throwable current = pending.removeFirst();
            if (!seen.add(current)) {
                continue;
            }
            if (isConnectionFailure(current)) {
                return Optional.of(current);
            }
            Optional.ofNullable(current.getCause()).ifPresent(pending::add);
            if (current instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            pending.addAll(Arrays.asList(current.getSuppressed()));
        }
        return Optional.empty();
    }

    public static boolean is(Throwable failure) {
        return causeOf(failure).isPresent();
    }

    /**
     * Throws {@code failure} again when it shows the database unavailable, else returns. For code that turns a failed
     * write into a refusal (a unique key already taken): an outage in the middle of that write must still be answered
     * 503, not as the refusal.
     */
    public static void rethrowIfUnavailable(RuntimeException failure) {
        if (is(failure)) {
            throw failure;
        }
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
