package io.keyward.station.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.yubico.yubikit.fido.Cbor;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.StationConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Keyward's token endpoint and the Graph calls of the station, on loopback: quick tests of every
 * branch of an enrollment, including refusals a real server gives only in rare states. The real server is used by
 * the end-to-end scenarios in hw-tests.
 */
final class FakeKeyward implements AutoCloseable {

    static final String TENANT = "contoso";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    /** Every request as Keyward saw it: method, URI, headers and body. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile Set<String> roles = Set.of("UserAuthenticationMethod.ReadWrite.All", "User.Read.All", "Policy.Read.All");
    volatile Optional<String[]> creationOptionsRefusal = Optional.empty();
    volatile Optional<String[]> registrationRefusal = Optional.empty();
    volatile JsonNode keyRestrictions = json("{\"isEnforced\":false,\"enforcementType\":\"allow\",\"aaGuids\":[]}");
    volatile Map<String, Boolean> compromisedModels = Map.of();
    volatile String lastCreationOptionsPath = "";
    /** Runs while a registration is being answered, e.g. to pull the key just after Keyward accepted it. */
    volatile Runnable duringRegistration = () -> { };
    final List<String> deletedMethodIds = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger modelLookups = new java.util.concurrent.atomic.AtomicInteger();

    FakeKeyward() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    StationConfig config() {
        return new StationConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), TENANT, "station-app",
                "secret", "Olga Operator", Map.of("default", EnrollmentProfile.DEFAULT));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders() + " "
                + new String(received, StandardCharsets.UTF_8));
        exchange.setStreams(new java.io.ByteArrayInputStream(received), null);
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
                String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(
                        Map.of("roles", roles, "tid", TENANT)));
                reply(exchange, 200, "{\"access_token\":\"e30." + claims + ".c2ln\",\"expires_in\":3600}");
            } else if (path.startsWith("/graph/v1.0/users/") && method.equals("GET")) {
                String upn = java.net.URLDecoder.decode(path.substring("/graph/v1.0/users/".length()), StandardCharsets.UTF_8);
                if (upn.startsWith("nobody")) {
                    refuse(exchange, new String[]{"404", "Request_ResourceNotFound", "no such user"});
                    return;
                }
                boolean guest = upn.startsWith("guest");
                reply(exchange, 200, "{\"id\":\"id-" + upn + "\",\"userPrincipalName\":\"" + upn + "\",\"displayName\":\""
                        + upn.replaceAll("@.*", "") + "\",\"userType\":\"" + (guest ? "Guest" : "Member") + "\",\"accountEnabled\":true}");
            } else if (path.contains("/creationOptions")) {
                lastCreationOptionsPath = path;
                if (creationOptionsRefusal.isPresent()) {
                    refuse(exchange, creationOptionsRefusal.get());
                    return;
                }
                ObjectNode options = JSON.createObjectNode();
                options.put("challengeTimeoutDateTime", Instant.now().plusSeconds(300).toString());
                ObjectNode publicKey = options.putObject("publicKey");
                publicKey.putObject("rp").put("id", "keyward.test").put("name", "Keyward");
                publicKey.putObject("user").put("id", "dXNlci0x").put("name", "jane@contoso.test").put("displayName", "Jane Doe");
                publicKey.put("challenge", "Y2hhbGxlbmdlLTE");
                publicKey.putArray("pubKeyCredParams").addObject().put("type", "public-key").put("alg", -7);
                reply(exchange, 200, options.toString());
            } else if (path.endsWith("/fido2Methods") && method.equals("POST")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                if (registrationRefusal.isPresent()) {
                    refuse(exchange, registrationRefusal.get());
                    return;
                }
                Map<?, ?> attestation = (Map<?, ?>) Cbor.decode(Base64.getUrlDecoder().decode(
                        body.path("publicKeyCredential").path("response").path("attestationObject").asText()));
                String clientData = new String(Base64.getUrlDecoder().decode(
                        body.path("publicKeyCredential").path("response").path("clientDataJSON").asText()), StandardCharsets.UTF_8);
                if (!"packed".equals(attestation.get("fmt")) || !clientData.contains("\"challenge\":\"Y2hhbGxlbmdlLTE\"")
                        || !clientData.contains("\"origin\":\"https://keyward.test\"")) {
                    refuse(exchange, new String[]{"400", "invalidAttestationResponse", "bad attestation"});
                    return;
                }
                registrations.add(body);
                duringRegistration.run();
                reply(exchange, 201, "{\"id\":\"m-" + registrations.size() + "\",\"displayName\":"
                        + body.path("displayName") + ",\"aaGuid\":\"x\",\"model\":\"m\",\"attestationLevel\":\"attested\"}");
            } else if (path.contains("/fido2Methods/") && method.equals("DELETE")) {
                deletedMethodIds.add(path.substring(path.lastIndexOf('/') + 1));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else if (path.endsWith("/authenticationMethodConfigurations/fido2")) {
                reply(exchange, 200, "{\"keyRestrictions\":" + keyRestrictions + "}");
            } else if (path.contains("/keyward/metadata/models/")) {
                modelLookups.incrementAndGet();
                String aaguid = path.substring(path.lastIndexOf('/') + 1);
                if (compromisedModels.containsKey(aaguid)) {
                    reply(exchange, 200, "{\"aaGuid\":\"" + aaguid + "\",\"description\":\"Listed Model\",\"isCompromised\":"
                            + compromisedModels.get(aaguid) + "}");
                } else {
                    refuse(exchange, new String[]{"404", "Request_ResourceNotFound", "no metadata"});
                }
            } else {
                refuse(exchange, new String[]{"404", "Request_ResourceNotFound", "no route " + path});
            }
        } catch (RuntimeException e) {
            refuse(exchange, new String[]{"500", "generalException", e.toString()});
        }
    }

    private static void refuse(HttpExchange exchange, String[] refusal) throws IOException {
        reply(exchange, Integer.parseInt(refusal[0]), "{\"error\":{\"code\":\"" + refusal[1] + "\",\"message\":\""
                + refusal[2] + "\"}}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
