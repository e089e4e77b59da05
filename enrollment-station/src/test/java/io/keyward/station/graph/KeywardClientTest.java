package io.keyward.station.graph;

import com.sun.net.httpserver.HttpServer;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.StationConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The station refuses to start, saying why, when Keyward is unreachable or its app lacks a permission. */
class KeywardClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private StationConfig tokenEndpointAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return config(server.getAddress().getPort());
    }

    private static StationConfig config(int port) {
        return new StationConfig(URI.create("http://127.0.0.1:" + port), "contoso", "station-app", "secret", "Olga",
                Map.of("default", EnrollmentProfile.DEFAULT));
    }

    private static String token(String... roles) {
        String claims = "{\"roles\":[" + String.join(",", java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()) + "]}";
        return "{\"access_token\":\"e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + ".c2ln\",\"expires_in\":3600}";
    }

    @Test
    void readyWithProvisioningUserAndPolicyPermissions() throws Exception {
        KeywardClient client = new KeywardClient(tokenEndpointAnswering(200,
                token("UserAuthMethod-Passkey.ReadWrite.All", "User.Read.All", "Policy.Read.All")));

        assertThat(client.checkReady()).contains("UserAuthMethod-Passkey.ReadWrite.All");
    }

    @Test
    void refusesToStartWithoutAProvisioningPermission() throws Exception {
        KeywardClient client = new KeywardClient(tokenEndpointAnswering(200, token("User.Read.All", "Policy.Read.All")));

        assertThatThrownBy(client::checkReady).isInstanceOf(StationNotPermittedException.class)
                .hasMessageContaining("lacks a permission it needs: UserAuthMethod-Passkey.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All")
                .hasMessageContaining("station-app");
    }

    @Test
    void refusesToStartWhenKeywardRejectsTheAppsSecret() throws Exception {
        KeywardClient client = new KeywardClient(tokenEndpointAnswering(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}"));

        assertThatThrownBy(client::checkReady).isInstanceOf(StationNotPermittedException.class)
                .hasMessageContaining("Client authentication failed.")
                .hasMessageContaining("client.id, client.secret and tenant");
    }

    @Test
    void refusesToStartWhenKeywardDoesNotAnswer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KeywardClient client = new KeywardClient(config(port));

        assertThatThrownBy(client::checkReady).isInstanceOf(KeywardUnavailableException.class)
                .hasMessageContaining("does not answer");
    }
}
