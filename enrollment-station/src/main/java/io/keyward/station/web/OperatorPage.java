package io.keyward.station.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV1;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.StationConfig;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.GraphRefusal;
import io.keyward.station.graph.KeywardUnavailableException;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.receipt.Receipt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The operator's page for a kiosk-mode browser, served on the loopback interface only: find the employee, see the
 * inserted key, enroll, print the receipt. Requests whose Host is not this loopback address (DNS rebinding) and
 * POSTs from another origin are refused. PINs typed on the page go to the key only.
 */
public final class OperatorPage implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OperatorPage.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final StationConfig config;
    private final StationGraph graph;
    private final Enrollment enrollment;
    private final UsbKeys keys;
    private final Map<String, EnrollmentResult> receipts = new ConcurrentHashMap<>();

    public OperatorPage(StationConfig config, StationGraph graph, Enrollment enrollment, UsbKeys keys, int port) throws IOException {
        this.config = config;
        this.graph = graph;
        this.enrollment = enrollment;
        this.keys = keys;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        // One request at a time: there is one key slot, and an enrollment must not race a key listing.
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!localHost(exchange)) {
                send(exchange, 403, "text/plain", "This page answers on 127.0.0.1 and localhost only.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && !sameOrigin(exchange)) {
                send(exchange, 403, "text/plain", "Cross-origin request refused.");
                return;
            }
            switch (method + " " + path) {
                case "GET /" -> send(exchange, 200, "text/html; charset=utf-8", resource("operator.html"));
                case "GET /operator.js" -> send(exchange, 200, "text/javascript; charset=utf-8", resource("operator.js"));
                case "GET /api/profiles" -> send(exchange, 200, "application/json", profiles());
                case "GET /api/employees" -> send(exchange, 200, "application/json", employees(query(exchange, "q")));
                case "GET /api/key" -> send(exchange, 200, "application/json", key());
                case "POST /api/enroll" -> enroll(exchange);
                default -> {
                    if (method.equals("GET") && path.startsWith("/receipt/")) {
                        receipt(exchange, path.substring("/receipt/".length()));
                    } else {
                        send(exchange, 404, "text/plain", "Not found.");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "operator page: " + e);
        }
    }

    private String profiles() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("profiles");
        config.profiles().values().stream().sorted(java.util.Comparator.comparing(EnrollmentProfile::name)).forEach(profile ->
                list.addObject().put("name", profile.name()).put("pinMode", profile.pinMode().name().toLowerCase())
                        .put("resetFirst", profile.resetFirst()));
        answer.put("operator", config.operator());
        return answer.toString();
    }

    private String employees(String text) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("employees");
        if (text.isBlank()) {
            return answer.toString();
        }
        try {
            for (Employee employee : graph.searchUsers(text)) {
                list.addObject().put("id", employee.id()).put("userPrincipalName", employee.userPrincipalName())
                        .put("displayName", employee.displayName()).put("guest", employee.guest())
                        .put("accountEnabled", employee.accountEnabled());
            }
        } catch (GraphRefusal | KeywardUnavailableException e) {
            answer.put("message", e.getMessage());
        }
        return answer.toString();
    }

    private String key() {
        ObjectNode answer = JSON.createObjectNode();
        List<UsbKey> attached = keys.attached();
        if (attached.size() != 1) {
            answer.put("message", attached.isEmpty() ? "Insert a security key." : "Attach only one security key.");
            return answer.toString();
        }
        UsbKey key = attached.get(0);
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            KeyFacts facts = KeyFacts.of(session.getInfo());
            answer.put("product", key.product()).put("serial", key.serialNumber().orElse("")).put("aaguid", facts.aaguid().toString())
                    .put("firmware", facts.firmware()).put("versions", String.join(", ", facts.versions()))
                    .put("pinSet", facts.pinSet())
                    .put("pinRetries", facts.pinSet() ? new ClientPin(session, new PinUvAuthProtocolV1()).getPinRetries().getCount() : 8);
            facts.remainingResidentCredentials().ifPresent(left -> answer.put("slotsLeft", left));
        } catch (Exception e) {
            answer.put("message", "The key cannot be read: " + e.getMessage());
        }
        return answer.toString();
    }

    private void enroll(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readNBytes(16 * 1024));
        ObjectNode answer = JSON.createObjectNode();
        Optional<EnrollmentProfile> profile = config.profile(request.path("profile").asText("default"));
        List<UsbKey> attached = keys.attached();
        char[] pin = request.path("pin").asText("").toCharArray();
        try {
            if (profile.isEmpty() || attached.size() != 1) {
                answer.put("reasonCode", "noKeyInserted").put("message", profile.isEmpty() ? "No such enrollment profile."
                        : "Insert exactly one security key.");
                send(exchange, 400, "application/json", answer.toString());
                return;
            }
            Employee employee = graph.user(request.path("userId").asText());
            EnrollmentResult result = enrollment.enroll(attached.get(0), employee, profile.get(), new PinSource() {
                @Override
                public char[] newPin(Employee who, int minLength) {
                    return pin.clone();
                }

                @Override
                public char[] existingPin(Employee who, int retriesLeft) {
                    return pin.clone();
                }
            });
            String receiptId = java.util.UUID.randomUUID().toString();
            receipts.put(receiptId, result);
            answer.put("passkey", result.passkey().displayName()).put("model", result.modelName())
                    .put("receipt", "/receipt/" + receiptId).put("pinSlip", result.randomPin().isPresent());
            ArrayNode notices = answer.putArray("notices");
            result.notices().forEach(notices::add);
            send(exchange, 200, "application/json", answer.toString());
        } catch (EnrollmentFailure failure) {
            answer.put("reasonCode", failure.reasonCode()).put("message", failure.getMessage());
            failure.leftOnKey().ifPresent(left -> answer.put("leftOnKey", left));
            send(exchange, 409, "application/json", answer.toString());
        } catch (GraphRefusal | KeywardUnavailableException e) {
            answer.put("reasonCode", e instanceof GraphRefusal refusal ? refusal.code() : "keywardUnreachable").put("message", e.getMessage());
            send(exchange, 409, "application/json", answer.toString());
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** The printable receipt (HTML), with the PIN slip on its own printed page. */
    private void receipt(HttpExchange exchange, String id) throws IOException {
        EnrollmentResult result = receipts.get(id);
        if (result == null) {
            send(exchange, 404, "text/plain", "No such receipt.");
            return;
        }
        Receipt receipt = new Receipt(result, ZoneId.systemDefault());
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Receipt</title>"
                + "<style>body{font-family:sans-serif;margin:3em}.slip{break-before:page;page-break-before:always}</style></head><body>");
        section(html, receipt.receiptLines(), "receipt");
        if (!receipt.pinSlipLines().isEmpty()) {
            section(html, receipt.pinSlipLines(), "slip");
        }
        html.append("<button onclick=\"window.print()\">Print</button></body></html>");
        send(exchange, 200, "text/html; charset=utf-8", html.toString());
    }

    private static void section(StringBuilder html, List<String> lines, String css) {
        html.append("<section class=\"").append(css).append("\"><h1>").append(escape(lines.get(0))).append("</h1>");
        lines.stream().skip(1).filter(line -> !line.isEmpty()).forEach(line -> html.append("<p>").append(escape(line)).append("</p>"));
        html.append("</section>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private boolean localHost(HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
        int port = server.getAddress().getPort();
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port);
    }

    private boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        int port = server.getAddress().getPort();
        return origin != null && (origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port));
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        for (String pair : raw.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OperatorPage.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
