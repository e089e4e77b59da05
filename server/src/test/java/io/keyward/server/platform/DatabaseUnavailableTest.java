package io.keyward.server.platform;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUnavailableTest {

    @Test
    void aPoolThatCannotGetAConnectionAsHibernateReportsItIsAnOutage() {
        // What a request meets with PostgreSQL down: IronJacamar cannot create a connection, Hibernate wraps it, JPA again.
        ResourceException pool = new ResourceException("IJ000453: Unable to get managed connection for java:jboss/datasources/KeywardDS",
                new ConnectException("Connection refused"));
        SQLException jdbc = new SQLException("IJ031084: Unable to create connection", pool);
        Throwable failure = new PersistenceException("Unable to acquire JDBC Connection", new JDBCConnectionException("Unable to acquire JDBC Connection", jdbc));

        assertThat(DatabaseUnavailable.is(failure)).isTrue();
        assertThat(DatabaseUnavailable.causeOf(failure)).containsInstanceOf(JDBCConnectionException.class);
    }

    @Test
    void connectionSqlStatesAndJdbcConnectionExceptionsAreOutages() {
        assertThat(DatabaseUnavailable.is(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .as("SQLState class 08").isTrue();
        assertThat(DatabaseUnavailable.is(new SQLException("terminating connection due to administrator command", "57P01")))
                .as("PostgreSQL shutting down").isTrue();
        assertThat(DatabaseUnavailable.is(new IllegalStateException(new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(DatabaseUnavailable.is(new ResourceException("IJ000655: No managed connections available within configured blocking timeout (5000 [ms])")))
                .as("pool exhausted").isTrue();
    }

    @Test
    void aCommitThatFailsBecauseTheConnectionWasEndedIsAnOutage() {
        // What Narayana throws when the one-phase commit meets a terminated backend: the SQLException is only in the
        // cause of an exception it attaches as suppressed.
        Exception commit = new Exception("IJ001156: Could not commit local transaction", new ResourceException("SQLException",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);

        assertThat(DatabaseUnavailable.causeOf(new TransactionalException("commit", rollback))).get()
                .extracting(cause -> ((SQLException) cause).getSQLState()).isEqualTo("57P01");
    }

    @Test
    void defectsAndDataErrorsAreNotOutages() {
        assertThat(DatabaseUnavailable.is(new NullPointerException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(new PersistenceException(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "pk")))).as("unique violation").isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.is(new ResourceException("IJ000000: something else"))).isFalse();
    }

    @Test
    void aFailedWriteIsRethrownWhenTheDatabaseIsAwayAndLeftToTheCallerWhenAKeyIsTaken() {
        PersistenceException outage = new PersistenceException(new JDBCConnectionException("flush",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        PersistenceException taken = new PersistenceException(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "uq_passkey_credential"));

        assertThatThrownBy(() -> DatabaseUnavailable.rethrowIfUnavailable(outage)).isSameAs(outage);
        DatabaseUnavailable.rethrowIfUnavailable(taken);
    }

    @Test
    void aCauseChainThatLoopsEndsTheSearch() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(DatabaseUnavailable.is(b)).isFalse();
    }
}
