package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user the station may enroll a key for, as Graph returns it.
 *
 * @param guest          {@code userType} Guest or {@code creationType} Invitation (B2B): passkeys are refused for them
 * @param accountEnabled whether the account can sign in
 */
public record Employee(String id, String userPrincipalName, String displayName, boolean guest, boolean accountEnabled) {

    static final String SELECT = "id,userPrincipalName,displayName,userType,creationType,accountEnabled";

    static Employee from(JsonNode user) {
        return new Employee(user.path("id").asText(), user.path("userPrincipalName").asText(),
                user.path("displayName").asText(user.path("userPrincipalName").asText()),
                "Guest".equalsIgnoreCase(user.path("userType").asText())
                        || "Invitation".equalsIgnoreCase(user.path("creationType").asText()),
                user.path("accountEnabled").asBoolean(true));
    }
}
