package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.keyward.server.it.Graph.enc;
import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS-terminating proxy says which URL the client used ({@code X-Forwarded-Proto/Host/Port}, {@code Forwarded}); the
 * ITs' server trusts 127.0.0.1 alone ({@code keyward.trusted-proxies}, arquillian.xml). The same headers sent from
 * another address (127.0.0.2, also the loopback interface) are forged and count for nothing. Raw sockets, because
 * Java's HTTP client chooses neither the source address nor {@code Host}.
 */
class ForwardedHeadersIT extends GraphIT {

    static final String TRUSTED = "127.0.0.1";
    static final String UNTRUSTED = "127.0.0.2";
    static final String PUBLIC = "id.example.com";
    static final String PROXY_HEADERS = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: " + PUBLIC + "\r\n";

    @Test
    void aTrustedProxyNamesTheOriginOfEveryGraphLink() throws IOException {
        proxied = true;
        graph.post("users", admin, userJson(upn("fwd1"), "Forwarded one"));
        graph.post("users", admin, userJson(upn("fwd2"), "Forwarded two"));

        JsonNode list = body(exchange(TRUSTED, "GET /graph/v1.0/users?$top=1 HTTP/1.0\r\n" + PROXY_HEADERS + auth() + "\r\n"));
        String created = exchange(TRUSTED, post("/graph/v1.0/users", PROXY_HEADERS, userJson(upn("fwd3"), "Forwarded three")));
        String invited = exchange(TRUSTED, post("/graph/v1.0/invitations", PROXY_HEADERS, invitation()));

        assertThat(list.path("@odata.nextLink").asText()).startsWith("https://" + PUBLIC + "/graph/v1.0/users?");
        assertThat(list.path("@odata.context").asText()).startsWith("https://" + PUBLIC + "/graph/v1.0/$metadata#users");
        assertThat(created).startsWith("HTTP/1.0 201").containsIgnoringCase("location: https://" + PUBLIC + "/graph/v1.0/users/");
        assertThat(body(invited).path("inviteRedeemUrl").asText()).startsWith("https://" + PUBLIC + "/invitations/redeem?");
    }

    @Test
    void theStandardForwardedHeaderCountsItsLastElementTheOneTheProxyWrote() throws IOException {
        graph.post("users", admin, userJson(upn("fwd7"), "Forwarded seven"));
        graph.post("users", admin, userJson(upn("fwd8"), "Forwarded eight"));
        TestDirectory.Client client = TestDirectory.client("forwarded reader", java.util.Set.of("User.Read.All"));
        String token = body(exchange(TRUSTED, tokenRequest(client, "Forwarded: proto=https;host=\"" + PUBLIC + ":8443\"\r\n")))
                .path("access_token").asText();
        String headers = "Forwarded: for=203.0.113.9;proto=http;host=evil.example, for=198.51.100.1;proto=https;host=\"" + PUBLIC + ":8443\"\r\n";

        JsonNode list = body(exchange(TRUSTED, "GET /graph/v1.0/users?$top=1 HTTP/1.0\r\n" + headers + "Authorization: Bearer "
                + token + "\r\n\r\n"));

        assertThat(list.path("@odata.nextLink").asText()).startsWith("https://" + PUBLIC + ":8443/graph/v1.0/users?");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws IOException {
        graph.post("users", admin, userJson(upn("fwd4"), "Forwarded four"));
        graph.post("users", admin, userJson(upn("fwd5"), "Forwarded five"));
        String forged = PROXY_HEADERS + "X-Forwarded-Port: 444\r\nForwarded: proto=https;host=" + PUBLIC + "\r\n";

        String list = exchange(UNTRUSTED, "GET /graph/v1.0/users?$top=1 HTTP/1.0\r\n" + forged + auth() + "\r\n");
        String created = exchange(UNTRUSTED, post("/graph/v1.0/users", forged, userJson(upn("fwd6"), "Forwarded six")));
        String invited = exchange(UNTRUSTED, post("/graph/v1.0/invitations", forged, invitation()));
        String discovery = exchange(UNTRUSTED, "GET /" + TestDirectory.tenantId() + "/v2.0/.well-known/openid-configuration HTTP/1.0\r\n"
                + forged + "\r\n");

        assertThat(list).startsWith("HTTP/1.0 200").doesNotContain(PUBLIC);
        assertThat(body(list).path("@odata.nextLink").asText()).startsWith("http://" + base.getHost() + ":" + base.getPort() + "/graph/v1.0/users?");
        assertThat(created).startsWith("HTTP/1.0 201").containsIgnoringCase("location: http://" + base.getHost()).doesNotContain(PUBLIC);
        assertThat(invited).startsWith("HTTP/1.0 201").doesNotContain(PUBLIC);
        assertThat(discovery).startsWith("HTTP/1.0 200").doesNotContain(PUBLIC);
    }

    @Test
    void throughTheProxyDiscoveryAndTokensNameThePublicIssuerWhichGraphAcceptsThroughTheProxy() throws Exception {
        String tenant = TestDirectory.tenantId();
        JsonNode discovery = body(exchange(TRUSTED, "GET /" + tenant + "/v2.0/.well-known/openid-configuration HTTP/1.0\r\n"
                + PROXY_HEADERS + "\r\n"));
        TestDirectory.Client client = TestDirectory.client("forwarded it", java.util.Set.of("Organization.Read.All"));
        String accessToken = proxiedToken(client, "https://" + PUBLIC + "/.default openid profile offline_access");

        assertThat(discovery.path("issuer").asText()).isEqualTo("https://" + PUBLIC + "/" + tenant + "/v2.0");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo("https://" + PUBLIC + "/" + tenant + "/oauth2/v2.0/token");
        assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getIssuer()).isEqualTo("https://" + PUBLIC + "/" + tenant + "/v2.0");
        assertThat(exchange(TRUSTED, "GET /graph/v1.0/organization HTTP/1.0\r\n" + PROXY_HEADERS + "Authorization: Bearer "
                + accessToken + "\r\n\r\n")).startsWith("HTTP/1.0 200");
        Graph.Reply direct = graph.get("organization", accessToken);
        assertThat(direct.status()).as("the same token past the proxy, where the issuer is another").isEqualTo(401);
        assertThat(direct.errorCode()).isEqualTo("invalidTokenIssuer");
    }

    /** The bearer header of the test: a token obtained the way the request is sent, through the proxy or not. */
    private String auth() throws IOException {
        return "Authorization: Bearer " + (proxied ? proxiedAdmin() : admin) + "\r\n";
    }

    private boolean proxied;
    private String proxiedAdmin;

    /** An administrator's token obtained through the proxy: its issuer is the public one. */
    private String proxiedAdmin() throws IOException {
        if (proxiedAdmin == null) {
            TestDirectory.Client client = TestDirectory.client("forwarded admin", java.util.Set.of("User.ReadWrite.All", "User.Invite.All"));
            proxiedAdmin = proxiedToken(client, "https://" + PUBLIC + "/.default");
        }
        return proxiedAdmin;
    }

    private String proxiedToken(TestDirectory.Client client, String scope) throws IOException {
        String form = "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + enc(client.secret())
                + "&scope=" + enc(scope);
        return body(exchange(TRUSTED, "POST /" + TestDirectory.tenantId() + "/oauth2/v2.0/token HTTP/1.0\r\n" + PROXY_HEADERS
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form))
                .path("access_token").asText();
    }

    private String tokenRequest(TestDirectory.Client client, String headers) {
        String form = "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret=" + enc(client.secret())
                + "&scope=" + enc("https://graph.microsoft.com/.default");
        return "POST /" + TestDirectory.tenantId() + "/oauth2/v2.0/token HTTP/1.0\r\n" + headers
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form;
    }

    private String post(String path, String headers, String json) throws IOException {
        return "POST " + path + " HTTP/1.0\r\n" + headers + auth() + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    private static String invitation() {
        return "{\"invitedUserEmailAddress\":\"fwd-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}";
    }

    private static JsonNode body(String raw) throws IOException {
        return Graph.JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
    }

    /** One HTTP/1.0 exchange from {@code source} (an address of the loopback interface) to the server. */
    private String exchange(String source, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
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
