package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A request that fails because the database does not answer: 503, Retry-After, and the caller's own error shape. */
class ServiceUnavailableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Throwable OUTAGE = new PersistenceException(new JDBCConnectionException("Unable to acquire JDBC Connection",
            new SQLException("Connection to 127.0.0.1:5432 refused.", "08001")));

    @Test
    void thePagesApiGetsItsJsonErrorWithTheReasonCodeAndRetryAfter() throws Exception {
        Response response = mapper("signin/passkey", "application/json").toResponse(OUTAGE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        JsonNode error = JSON.readTree((String) response.getEntity()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("serviceUnavailable");
        assertThat(error.get("message").asText()).contains("cannot reach its database").contains("Nothing was changed");
    }

    @Test
    void aBrowserNavigationGetsAPlainPageThatSaysSoAndRefreshes() {
        Response response = mapper("contoso.example/oauth2/v2.0/authorize", "text/html,application/xhtml+xml,*/*;q=0.8").toResponse(OUTAGE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE)).isTrue();
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat((String) response.getEntity()).contains("<html lang=\"en\">").contains("Sign-in is unavailable for a moment")
                .contains("serviceUnavailable").contains("http-equiv=\"refresh\" content=\"5\"").doesNotContain("JDBC").doesNotContain("5432");
    }

    @Test
    void theTokenEndpointGetsAnOAuthErrorItsClientsRead() throws Exception {
        Response response = mapper("contoso.example/oauth2/v2.0/token", null).toResponse(OUTAGE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(JSON.readTree((String) response.getEntity()).get("error").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void anyOtherFailureStaysAServerErrorWithoutRetryAfter() {
        Response response = mapper("signin/passkey", "application/json").toResponse(new IllegalStateException("a defect"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    private static OAuthErrorMapper mapper(String path, String accept) {
        OAuthErrorMapper mapper = new OAuthErrorMapper();
        mapper.uri = proxy(UriInfo.class, Map.of("getPath", "/" + path));
        mapper.headers = (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[]{HttpHeaders.class},
                (self, method, args) -> method.getName().equals("getHeaderString") && HttpHeaders.ACCEPT.equals(args[0]) ? accept : null);
        return mapper;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> answers.get(method.getName()));
    }
}
