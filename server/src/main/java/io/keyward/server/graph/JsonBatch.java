package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.Refused;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Graph JSON batch ({@code POST /$batch}): up to {@value #MAX_REQUESTS} requests, each {@code id}, {@code method},
 * {@code url} (relative to the version root), optional {@code headers}, {@code body} and {@code dependsOn}. A batch
 * that breaks these rules is refused whole (400); a request whose URL is not a Graph path of this version is
 * answered 400 inside the batch ({@link #target}).
 */
record JsonBatch(List<Request> requests) {

    static final int MAX_REQUESTS = 20;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
    private static final Set<String> PROPERTIES = Set.of("id", "method", "url", "headers", "body", "dependsOn");

    /** One request of the batch, as sent. */
    record Request(String id, String method, String url, Map<String, String> headers, Optional<JsonNode> body, List<String> dependsOn) {
    }

    static JsonBatch parse(ObjectNode root) {
        JsonNode requests = root.get("requests");
        if (requests == null || !requests.isArray()) {
            throw Refused.invalid("A JSON batch is an object with a 'requests' array.");
        }
        if (requests.isEmpty()) {
            throw Refused.invalid("A JSON batch must hold at least one request.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw Refused.invalid("A JSON batch holds at most " + MAX_REQUESTS + " requests; this one has " + requests.size() + ".");
        }
        Map<String, Request> byId = new LinkedHashMap<>();
        for (JsonNode node : requests) {
            Request request = request(node);
            if (byId.putIfAbsent(request.id(), request) != null) {
                throw Refused.invalid("Request id '" + request.id() + "' appears more than once in the batch; ids must be unique.");
            }
        }
        for (Request request : byId.values()) {
            for (String dependency : request.dependsOn()) {
                if (!byId.containsKey(dependency) || dependency.equals(request.id())) {
                    throw Refused.invalid("Request '" + request.id() + "' depends on '" + dependency + "', which is not another request of this batch.");
                }
            }
        }
        return new JsonBatch(List.copyOf(byId.values()));
    }

    /** The requests in an order that runs each after what it depends on (as sent, where that allows); a cycle is refused. */
    List<Request> executionOrder() {
        List<Request> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, Request> pending = new LinkedHashMap<>();
        requests.forEach(r -> pending.put(r.id(), r));
        while (!pending.isEmpty()) {
            Optional<Request> ready = pending.values().stream().filter(r -> done.containsAll(r.dependsOn())).findFirst();
            if (ready.isEmpty()) {
                throw Refused.invalid("The batch's dependsOn form a cycle among requests " + String.join(", ", pending.keySet()) + ".");
            }
            order.add(ready.get());
            done.add(ready.get().id());
            pending.remove(ready.get().id());
        }
        return order;
    }

    /**
     * The servlet path (with query) a request's URL names under {@code /graph/{version}/}, or empty when it names
     * anything else: an absolute URL, a path that climbs out ({@code ..}, encoded dots or slashes, backslashes, empty
     * segments), a nested {@code $batch}, or characters no URI has.
     */
    static Optional<String> target(String version, String url) {
        if (url.isEmpty() || url.contains("://") || url.startsWith("//") || url.contains("\\") || url.contains("#")) {
            return Optional.empty();
        }
        for (char c : url.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.empty();
            }
        }
        String relative = url.startsWith("/") ? url.substring(1) : url;
        int question = relative.indexOf('?');
        String path = question < 0 ? relative : relative.substring(0, question);
        String lower = path.toLowerCase(Locale.ROOT);
        if (path.isEmpty() || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || lower.contains("%25") || lower.contains(";")) {
            return Optional.empty();
        }
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        if (segments[0].equalsIgnoreCase("$batch")) {
            return Optional.empty();
        }
        String target = "/graph/" + version + "/" + relative;
        try {
            URI parsed = new URI(target);
            if (!parsed.normalize().getRawPath().equals(parsed.getRawPath()) || !parsed.getRawPath().startsWith("/graph/" + version + "/")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private static Request request(JsonNode node) {
        if (!node.isObject()) {
            throw Refused.invalid("Each request of a JSON batch is an object with id, method and url.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                throw Refused.invalid("Property '" + name + "' is not one of a batch request's: id, method, url, headers, body, dependsOn.");
            }
        }
        String id = text(node, "id", "");
        String method = text(node, "method", id).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw Refused.invalid("Request '" + id + "' has method '" + method + "'; a batch carries GET, POST, PATCH, PUT and DELETE.");
        }
        String url = text(node, "url", id);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = node.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                throw Refused.invalid("The headers of request '" + id + "' must be an object of names and string values.");
            }
            headerNode.fields().forEachRemaining(h -> {
                if (!h.getValue().isValueNode() || h.getValue().isNull()) {
                    throw Refused.invalid("Header '" + h.getKey() + "' of request '" + id + "' must be a string.");
                }
                headers.put(h.getKey(), h.getValue().asText());
            });
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode dependencies = node.get("dependsOn");
        if (dependencies != null && !dependencies.isNull()) {
            if (!dependencies.isArray()) {
                throw Refused.invalid("The dependsOn of request '" + id + "' must be an array of request ids.");
            }
            dependencies.forEach(d -> dependsOn.add(d.asText()));
        }
        JsonNode body = node.get("body");
        return new Request(id, method, url, headers, Optional.ofNullable(body).filter(b -> !b.isNull()),
                List.copyOf(new LinkedHashSet<>(dependsOn)));
    }

    private static String text(JsonNode node, String name, String id) {
        JsonNode value = node.get(name);
        if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().isBlank()) {
            throw Refused.invalid(id.isEmpty() ? "Each request of a JSON batch needs a string '" + name + "'."
                    : "Request '" + id + "' needs a string '" + name + "'.");
        }
        return value.asText();
    }
}
