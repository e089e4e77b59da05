package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Host header is the caller's to choose; the absolute links in Graph answers are not. Sent over a raw socket
 * (HTTP/1.0, so that the answer is not chunked), because Java's HTTP client does not let a caller forge Host.
 */
class ForgedHostIT extends GraphIT {

    static final String FORGED = "evil.example";

    @Test
    void aForgedHostReachesNoLinkOfAListAnswer() throws IOException {
        graph.post("users", admin, userJson(upn("host1"), "Host one"));
        graph.post("users", admin, userJson(upn("host2"), "Host two"));

        String raw = exchange("GET /graph/v1.0/users?$top=1 HTTP/1.0\r\nHost: " + FORGED + "\r\nAuthorization: Bearer " + admin
                + "\r\nConnection: close\r\n\r\n");

        JsonNode body = Graph.JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertThat(raw).startsWith("HTTP/1.0 200");
        assertThat(body.path("@odata.nextLink").asText()).startsWith("http").doesNotContain(FORGED);
        assertThat(body.path("@odata.context").asText()).startsWith("http").doesNotContain(FORGED);
        Graph.Reply next = Graph.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(body.path("@odata.nextLink").asText()))
                .header("Authorization", "Bearer " + admin).GET());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
    }

    @Test
    void aForgedHostReachesNeitherTheLocationOfANewUserNorAnInvitationLink() throws IOException {
        String user = userJson(upn("located"), "Located");
        String created = exchange("POST /graph/v1.0/users HTTP/1.0\r\nHost: " + FORGED + "\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nContent-Length: " + user.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + user);
        String invitation = "{\"invitedUserEmailAddress\":\"host-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}";
        String invited = exchange("POST /graph/v1.0/invitations HTTP/1.0\r\nHost: " + FORGED + "\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\nContent-Length: " + invitation.length() + "\r\nConnection: close\r\n\r\n" + invitation);

        assertThat(created).startsWith("HTTP/1.0 201").containsIgnoringCase("location: http").doesNotContain(FORGED);
        assertThat(invited).startsWith("HTTP/1.0 201").contains("inviteRedeemUrl").doesNotContain(FORGED);
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
