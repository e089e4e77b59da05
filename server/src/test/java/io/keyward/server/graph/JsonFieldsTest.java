package io.keyward.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonFieldsTest {

    private static final Set<String> WRITABLE = Set.of("displayName", "accountEnabled", "mail", "groupTypes", "passwordProfile");
    private static final Set<String> READ_ONLY = Set.of("id", "createdDateTime");

    @Test
    void writableAndIgnoredPropertiesAreAllowed() {
        JsonFields fields = fields("{\"displayName\":\"Jane\",\"id\":\"echoed-back\"}").allowOnly(WRITABLE, READ_ONLY);

        assertThat(fields.requiredString("displayName")).isEqualTo("Jane");
    }

    @Test
    void unknownPropertyIsRefusedByName() {
        assertInvalid(() -> fields("{\"displayName\":\"Jane\",\"favouriteColour\":\"blue\"}").allowOnly(WRITABLE, READ_ONLY),
                "Property 'favouriteColour' does not exist on type 'microsoft.graph.user'");
    }

    @Test
    void matchingODataTypeIsAccepted() {
        JsonFields fields = fields("{\"@odata.type\":\"#microsoft.graph.user\",\"displayName\":\"Jane\"}").allowOnly(WRITABLE, READ_ONLY);

        assertThat(fields.has("@odata.type")).isTrue();
    }

    @Test
    void odataTypeWithoutHashAndInOtherCaseIsAccepted() {
        JsonFields fields = fields("{\"@odata.type\":\"Microsoft.Graph.User\"}").allowOnly(WRITABLE, READ_ONLY);

        assertThat(fields.has("@odata.type")).isTrue();
    }

    @Test
    void wrongODataTypeIsRefused() {
        assertInvalid(() -> fields("{\"@odata.type\":\"#microsoft.graph.group\"}").allowOnly(WRITABLE, READ_ONLY),
                "The @odata.type '#microsoft.graph.group' does not match", "'#microsoft.graph.user'");
    }

    @Test
    void nonStringODataTypeIsRefused() {
        assertInvalid(() -> fields("{\"@odata.type\":42}").allowOnly(WRITABLE, READ_ONLY),
                "@odata.type", "does not match");
    }

    @Test
    void odataTypeListedAsIgnoredIsNotChecked() {
        JsonFields fields = fields("{\"@odata.type\":\"#microsoft.graph.group\"}").allowOnly(WRITABLE, Set.of("@odata.type"));

        assertThat(fields.has("@odata.type")).isTrue();
    }

    @Test
    void requiredStringIsRead() {
        assertThat(fields("{\"mail\":\"jane@contoso.example\"}").requiredString("mail")).isEqualTo("jane@contoso.example");
    }

    @Test
    void missingRequiredStringIsRefusedByName() {
        assertInvalid(() -> fields("{}").requiredString("displayName"), "Property 'displayName' is required");
    }

    @Test
    void nullRequiredStringIsRefusedAsMissing() {
        assertInvalid(() -> fields("{\"displayName\":null}").requiredString("displayName"), "Property 'displayName' is required");
    }

    @Test
    void numberForAStringIsRefusedWithPropertyAndType() {
        assertInvalid(() -> fields("{\"displayName\":42}").optionalString("displayName"),
                "Property 'displayName' must be a string, not number");
    }

    @Test
    void objectForAStringIsRefusedWithPropertyAndType() {
        assertInvalid(() -> fields("{\"mail\":{}}").optionalString("mail"), "Property 'mail' must be a string, not object");
    }

    @Test
    void absentOptionalStringIsEmpty() {
        assertThat(fields("{}").optionalString("mail")).isEmpty();
    }

    @Test
    void clearableStringDistinguishesAbsentFromNull() {
        JsonFields fields = fields("{\"mail\":null}");

        assertThat(fields.clearableString("mail")).contains(Optional.empty());
        assertThat(fields.clearableString("description")).isEmpty();
    }

    @Test
    void clearableStringCarriesANewValue() {
        assertThat(fields("{\"mail\":\"a@b.example\"}").clearableString("mail")).contains(Optional.of("a@b.example"));
    }

    @Test
    void jsonBooleansAreRead() {
        assertThat(fields("{\"accountEnabled\":false}").optionalBoolean("accountEnabled")).contains(false);
    }

    @Test
    void booleansSentAsStringsAreAccepted() {
        // The documented FIDO2 PATCH example sends "isAttestationEnforced":"true" (GRAPH-API.md §1.3).
        JsonFields fields = fields("{\"accountEnabled\":\"true\",\"securityEnabled\":\"FALSE\"}");

        assertThat(fields.optionalBoolean("accountEnabled")).contains(true);
        assertThat(fields.optionalBoolean("securityEnabled")).contains(false);
    }

    @Test
    void otherStringForABooleanIsRefusedByName() {
        assertInvalid(() -> fields("{\"accountEnabled\":\"yes\"}").optionalBoolean("accountEnabled"),
                "Property 'accountEnabled' must be true or false");
    }

    @Test
    void numberForABooleanIsRefusedByName() {
        assertInvalid(() -> fields("{\"accountEnabled\":1}").optionalBoolean("accountEnabled"),
                "Property 'accountEnabled' must be true or false");
    }

    @Test
    void absentBooleanIsEmpty() {
        assertThat(fields("{\"accountEnabled\":null}").optionalBoolean("accountEnabled")).isEmpty();
    }

    @Test
    void objectPropertyIsRead() {
        assertThat(fields("{\"passwordProfile\":{\"password\":\"x\"}}").optionalObject("passwordProfile"))
                .hasValueSatisfying(profile -> assertThat(profile.get("password").asText()).isEqualTo("x"));
    }

    @Test
    void stringForAnObjectIsRefusedByName() {
        assertInvalid(() -> fields("{\"passwordProfile\":\"secret\"}").optionalObject("passwordProfile"),
                "Property 'passwordProfile' must be an object");
    }

    @Test
    void stringListIsRead() {
        assertThat(fields("{\"groupTypes\":[\"Unified\",\"DynamicMembership\"]}").optionalStringList("groupTypes"))
                .contains(List.of("Unified", "DynamicMembership"));
    }

    @Test
    void singleStringForAListIsRefusedByName() {
        assertInvalid(() -> fields("{\"groupTypes\":\"Unified\"}").optionalStringList("groupTypes"),
                "Property 'groupTypes' must be an array of strings");
    }

    @Test
    void listWithANonStringIsRefusedByName() {
        assertInvalid(() -> fields("{\"groupTypes\":[\"Unified\",3]}").optionalStringList("groupTypes"),
                "Property 'groupTypes' must contain only strings");
    }

    private static JsonFields fields(String json) {
        try {
            return new JsonFields((ObjectNode) GraphJson.MAPPER.readTree(json), "user");
        } catch (JsonProcessingException e) {
            throw new AssertionError("test JSON is malformed: " + json, e);
        }
    }

    private static void assertInvalid(ThrowingCallable call, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, call);

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains(List.of(words));
    }
}
