package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A Graph call that fails because the database does not answer is 503 serviceUnavailable with Retry-After, not a 500. */
class GraphExceptionMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDatabaseNotAnsweringIsServiceUnavailableWithRetryAfterInTheGraphEnvelope() throws Exception {
        GraphExceptionMapper mapper = new GraphExceptionMapper();
        mapper.request = new GraphRequest();

        Response response = mapper.toResponse(new PersistenceException(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct", "08001"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        JsonNode error = JSON.readTree((String) response.getEntity()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("serviceUnavailable");
        assertThat(error.get("message").asText()).doesNotContain("5432").contains("try again");
        assertThat(error.get("innerError").get("request-id").asText()).isEqualTo(mapper.request.requestId());
    }

    @Test
    void aDefectIsStillAGeneralExceptionWithoutRetryAfter() {
        GraphExceptionMapper mapper = new GraphExceptionMapper();
        mapper.request = new GraphRequest();

        Response response = mapper.toResponse(new IllegalStateException("a defect"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
