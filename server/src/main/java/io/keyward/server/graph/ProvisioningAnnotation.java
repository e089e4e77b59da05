package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.Caller;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyward's instance annotation {@code "@keyward.provisioning"} on {@code POST /users/{id}/authentication/fido2Methods}:
 * what an application that provisions a security key for someone (the enrollment station) did to the key's PIN,
 * recorded as {@code additionalDetails} of the registration's directory audit entry. Graph clients never send it;
 * it is read strictly (every member typed, unknown members refused) and only from an application: a signed-in user
 * cannot state how their own key was provisioned. The PIN itself is never part of it.
 * <pre>
 * "@keyward.provisioning": {"pinSet": true, "pinChangeForced": true, "minimumPinLength": 8, "alwaysUv": false}
 * </pre>
 */
final class ProvisioningAnnotation {

    static final String NAME = "@keyward.provisioning";
    /** CTAP 2.1 §6.4: a PIN has at least 4 and at most 63 code points. */
    static final int MIN_PIN_LENGTH = 4;
    static final int MAX_PIN_LENGTH = 63;
    /** The members and whether each is required; booleans except minimumPinLength. */
    private static final Map<String, Boolean> MEMBERS = Map.of("pinSet", true, "pinChangeForced", true,
            "minimumPinLength", false, "alwaysUv", false);
    private static final List<String> ORDER = List.of("pinSet", "pinChangeForced", "minimumPinLength", "alwaysUv");

    private ProvisioningAnnotation() {
    }

    /** The audit details the annotation states, or none when the body does not carry it. */
    static List<AuditRecord.Detail> read(ObjectNode body, Caller caller) {
        JsonNode annotation = body.get(NAME);
        if (annotation == null) {
            return List.of();
        }
        if (caller.isDelegated()) {
            throw Refused.invalid("'" + NAME + "' is accepted only from an application that provisions a key for someone"
                    + " (such as the enrollment station), not from a signed-in user.");
        }
        if (!annotation.isObject()) {
            throw Refused.invalid("'" + NAME + "' must be an object.");
        }
        for (Iterator<String> names = annotation.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.containsKey(name)) {
                throw Refused.invalid("'" + NAME + "' has no member '" + name + "'; it has " + String.join(", ", ORDER) + ".");
            }
        }
        List<AuditRecord.Detail> details = new ArrayList<>();
        for (String name : ORDER) {
            JsonNode value = annotation.get(name);
            if (value == null || value.isNull()) {
                if (MEMBERS.get(name)) {
                    throw Refused.invalid("'" + NAME + "." + name + "' is required.");
                }
                continue;
            }
            details.add(new AuditRecord.Detail(name, name.equals("minimumPinLength") ? pinLength(value) : bool(name, value)));
        }
        return details;
    }

    private static String bool(String name, JsonNode value) {
        if (!value.isBoolean()) {
            throw Refused.invalid("'" + NAME + "." + name + "' must be true or false.");
        }
        return Boolean.toString(value.booleanValue());
    }

    private static String pinLength(JsonNode value) {
        Optional<Integer> length = value.isIntegralNumber() && value.canConvertToInt() ? Optional.of(value.intValue()) : Optional.empty();
        return length.filter(n -> n >= MIN_PIN_LENGTH && n <= MAX_PIN_LENGTH).map(String::valueOf)
                .orElseThrow(() -> Refused.invalid("'" + NAME + ".minimumPinLength' must be a whole number from "
                        + MIN_PIN_LENGTH + " to " + MAX_PIN_LENGTH + "."));
    }
}
