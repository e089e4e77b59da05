package io.keyward.server.platform;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

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
    void defectsAndDataErrorsAreNotOutages() {
        assertThat(DatabaseUnavailable.is(new NullPointerException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(new PersistenceException(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "pk")))).as("unique violation").isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.is(new ResourceException("IJ000000: something else"))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEndsTheSearch() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(DatabaseUnavailable.is(b)).isFalse();
    }
}
