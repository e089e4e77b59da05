package io.keyward.server.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies and writing Graph JSON with one strictly configured Jackson mapper. */
final class GraphJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_DIGITS = 64;
    static final int MAX_STRING_CHARS = 1 << 20;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNumberLength(MAX_NUMBER_DIGITS).build());
    }

    private GraphJson() {
    }

    /**
     * Reads a JSON object body of at most {@code maxBytes}. Refuses an empty body, malformed JSON, duplicate
     * keys, trailing data and anything that is not an object, each with a message that says which.
     */
    static ObjectNode readObject(InputStream body, int maxBytes, String entityName) {
        byte[] bytes = readLimited(body, maxBytes);
        if (bytes.length == 0) {
            throw Refused.invalid("The request is missing a " + entityName + " entity: the body is empty.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw Refused.invalid(describe(e));
        } catch (IOException e) {
            throw Refused.invalid("The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw Refused.invalid("The request is missing a " + entityName + " entity: the body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /**
     * What is wrong with a body, in words: Jackson's own messages name its classes and settings
     * ({@code StreamReadConstraints.getMaxNumberLength()}, {@code StreamReadFeature...}), which are no business of a
     * client. The parser's message up to its location and source says what it met; the location says where.
     */
    static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (e instanceof StreamConstraintsException) {
            return "The request body is not valid JSON" + where + ": it exceeds a limit of this API (nesting depth " + MAX_DEPTH
                    + ", " + MAX_NUMBER_DIGITS + " digits in a number, " + MAX_STRING_CHARS + " characters in a string).";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String clause = original.split("\\n| \\(start marker|\\[Source|`", 2)[0].replaceAll("[(:;,\\s]+$", "").strip();
        return "The request body is not valid JSON" + where + (clause.isEmpty() ? "." : ": " + clause + ".");
    }

    private static byte[] readLimited(InputStream body, int maxBytes) {
        if (body == null) {
            return new byte[0];
        }
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = body.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw new Refused(ReasonCode.PAYLOAD_TOO_LARGE,
                            "The request body is larger than the " + maxBytes + " bytes this API accepts.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw Refused.invalid("The request body could not be read.");
        }
    }
}
