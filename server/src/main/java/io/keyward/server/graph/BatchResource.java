package io.keyward.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.web.ReasonStatuses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * {@code POST /$batch}: Graph JSON batching. Each request runs through the Graph application on its own
 * ({@link InternalDispatch}), with the batch's token, so it is authorized exactly as if sent alone; the batch itself
 * needs only a valid token. Requests run one at a time, each after those it {@code dependsOn}; a request whose
 * dependency failed (4xx/5xx, or itself 424) is not run and answers 424. Responses come back in the order sent.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/$batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final Logger LOG = Logger.getLogger(BatchResource.class.getName());

    /** Headers a request of the batch may set; the token and the connection's headers are always the batch's. */
    static final Set<String> FORWARDED_HEADERS = Set.of("content-type", "accept", "consistencylevel", "if-match", "if-none-match",
            "prefer", "client-request-id");
    /** Response headers that describe the captured bytes or the connection, not the answer. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "set-cookie");

    @Inject
    InternalDispatch dispatch;

    @Inject
    KeywardConfig config;

    @Inject
    GraphRequest graphRequest;

    @jakarta.ws.rs.core.Context
    HttpHeaders headers;

    @PathParam("version")
    String version;

    @POST
    @AuthorizedPerRequest
    public Response batch(InputStream body) {
        JsonBatch batch = JsonBatch.parse(GraphJson.readObject(body, config.maxRequestBytes(), "batch"));
        List<JsonBatch.Request> order = batch.executionOrder();
        InternalDispatch.Batch outer = InternalDispatch.Batch.current();
        Map<String, Integer> statuses = new HashMap<>();
        Map<String, ObjectNode> answers = new HashMap<>();
        for (JsonBatch.Request request : order) {
            ObjectNode answer = answer(outer, request, statuses);
            statuses.put(request.id(), answer.get("status").asInt());
            answers.put(request.id(), answer);
        }
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        ArrayNode responses = root.putArray("responses");
        batch.requests().forEach(r -> responses.add(answers.get(r.id())));
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ObjectNode answer(InternalDispatch.Batch outer, JsonBatch.Request request, Map<String, Integer> statuses) {
        Optional<String> failed = request.dependsOn().stream().filter(d -> statuses.get(d) >= 400).findFirst();
        if (failed.isPresent()) {
            return refusal(request, ReasonCode.FAILED_DEPENDENCY, "Request '" + request.id() + "' was not run: request '"
                    + failed.get() + "', which it depends on, failed with status " + statuses.get(failed.get()) + ".");
        }
        Optional<String> target = JsonBatch.target(version, request.url());
        if (target.isEmpty()) {
            return refusal(request, ReasonCode.INVALID_REQUEST, "Request '" + request.id() + "' has url '" + request.url()
                    + "', which is not a Graph path relative to /" + version + " (no absolute URL, '..', encoded '.' or '/', or nested $batch).");
        }
        Map<String, String> innerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, value) -> {
            if (FORWARDED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                innerHeaders.put(name, value);
            }
        });
        Optional<String> authorization = Optional.ofNullable(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        authorization.ifPresent(token -> innerHeaders.put(HttpHeaders.AUTHORIZATION, token));
        Optional.ofNullable(headers.getHeaderString(BearerAuthentication.OPERATOR_HEADER))
                .ifPresent(operator -> innerHeaders.put(BearerAuthentication.OPERATOR_HEADER, operator));
        innerHeaders.putIfAbsent(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        byte[] content;
        if (request.body().isPresent()) {
            String type = innerHeaders.get(HttpHeaders.CONTENT_TYPE);
            if (type == null) {
                return refusal(request, ReasonCode.INVALID_REQUEST, "Request '" + request.id()
                        + "' has a body but no Content-Type header; a batch request with a body must name its type.");
            }
            Optional<byte[]> bytes = content(request.body().get(), type);
            if (bytes.isEmpty()) {
                return refusal(request, ReasonCode.INVALID_REQUEST, "The body of request '" + request.id()
                        + "' is a string for a " + type + " request: such bodies are sent base64-encoded.");
            }
            content = bytes.get();
        } else {
            content = new byte[0];
        }
        CapturedResponse response = dispatch.dispatch(outer, request.method(), target.get(), innerHeaders, content);
        return response(request.id(), response);
    }

    /** A JSON body is sent as JSON; a string body of another type is base64 (Graph's rule for binary bodies). */
    private static Optional<byte[]> content(JsonNode body, String type) {
        if (isJson(type)) {
            return Optional.of(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!body.isTextual()) {
            return Optional.of(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Optional.of(Base64.getDecoder().decode(body.asText()));
        } catch (IllegalArgumentException notStandard) {
            try {
                return Optional.of(Base64.getUrlDecoder().decode(body.asText()));
            } catch (IllegalArgumentException notUrlSafe) {
                return Optional.empty();
            }
        }
    }

    private static ObjectNode response(String id, CapturedResponse response) {
        ObjectNode answer = GraphJson.MAPPER.createObjectNode();
        answer.put("id", id);
        answer.put("status", response.status());
        ObjectNode headers = answer.putObject("headers");
        Map<String, String> sorted = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name)) {
                sorted.put(canonical(name), String.join(", ", values));
            }
        });
        sorted.forEach(headers::put);
        byte[] body = response.body();
        if (body.length > 0) {
            String type = Optional.ofNullable(response.getContentType()).orElse("");
            if (isJson(type)) {
                try {
                    answer.set("body", GraphJson.MAPPER.readTree(body));
                } catch (java.io.IOException e) {
                    answer.put("body", Base64.getEncoder().encodeToString(body));
                }
            } else if (type.toLowerCase(Locale.ROOT).startsWith("text/")) {
                answer.put("body", new String(body, StandardCharsets.UTF_8));
            } else {
                answer.put("body", Base64.getEncoder().encodeToString(body));
            }
        }
        return answer;
    }

    /** A response inside the batch for a request Keyward did not run: logged like any refusal, with its reason. */
    private ObjectNode refusal(JsonBatch.Request request, ReasonCode reason, String message) {
        int status = ReasonStatuses.of(reason);
        LOG.info(() -> "Graph request " + graphRequest.requestId() + " (batch request " + request.id() + ") refused: "
                + reason.code() + " (" + status + ") " + message);
        ObjectNode answer = GraphJson.MAPPER.createObjectNode();
        answer.put("id", request.id());
        answer.put("status", status);
        answer.putObject("headers").put("Content-Type", MediaType.APPLICATION_JSON);
        answer.set("body", GraphError.envelope(reason, message, graphRequest));
        return answer;
    }

    private static boolean isJson(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/json") || lower.contains("+json");
    }

    /** {@code content-type} → {@code Content-Type}, as Graph writes header names. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
