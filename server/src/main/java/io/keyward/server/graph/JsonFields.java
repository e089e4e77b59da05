package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.Refused;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of a Graph request body's properties with exact errors: which property, what type it must be.
 * Booleans are also accepted as the strings "true"/"false" (real clients send them, GRAPH-API.md §6).
 */
final class JsonFields {

    private final ObjectNode body;
    private final String type;

    JsonFields(ObjectNode body, String type) {
        this.body = body;
        this.type = type;
    }

    /**
     * Refuses properties the type does not have. OData annotations ({@code @odata.type}, {@code x@odata.bind})
     * are allowed where listed; read-only properties that clients echo back are ignored.
     */
    JsonFields allowOnly(Set<String> writable, Set<String> ignored) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (writable.contains(name) || ignored.contains(name) || name.equals("@odata.type") && checkODataType()) {
                continue;
            }
            throw Refused.invalid("Property '" + name + "' does not exist on type 'microsoft.graph." + type + "' or cannot be written.");
        }
        return this;
    }

    private boolean checkODataType() {
        String declared = body.get("@odata.type").asText("");
        if (!declared.equalsIgnoreCase("#microsoft.graph." + type) && !declared.equalsIgnoreCase("microsoft.graph." + type)) {
            throw Refused.invalid("The @odata.type '" + declared + "' does not match the expected type '#microsoft.graph." + type + "'.");
        }
        return true;
    }

    boolean has(String name) {
        return body.has(name);
    }

    String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> Refused.invalid("Property '" + name + "' is required."));
    }

    Optional<String> optionalString(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw Refused.invalid("Property '" + name + "' must be a string, not " + node.getNodeType().name().toLowerCase() + ".");
        }
        return Optional.of(node.asText());
    }

    /** A nullable string property that a PATCH may clear: empty = absent, Optional.empty() inside = null. */
    Optional<Optional<String>> clearableString(String name) {
        if (!body.has(name)) {
            return Optional.empty();
        }
        return Optional.of(optionalString(name));
    }

    Optional<Boolean> optionalBoolean(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(node.asText()));
        }
        throw Refused.invalid("Property '" + name + "' must be true or false.");
    }

    Optional<Integer> optionalInt(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Optional.of(node.intValue());
        }
        throw Refused.invalid("Property '" + name + "' must be a whole number.");
    }

    Optional<ObjectNode> optionalObject(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw Refused.invalid("Property '" + name + "' must be an object.");
        }
        return Optional.of((ObjectNode) node);
    }

    Optional<java.util.List<String>> optionalStringList(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw Refused.invalid("Property '" + name + "' must be an array of strings.");
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw Refused.invalid("Property '" + name + "' must contain only strings.");
            }
            values.add(element.asText());
        }
        return Optional.of(values);
    }
}
