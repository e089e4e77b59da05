package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.keyward.server.it.AuthorizationMatrixIT.CA_POLICIES;
import static io.keyward.server.it.AuthorizationMatrixIT.FIDO2_CONFIGURATION;
import static io.keyward.server.it.AuthorizationMatrixIT.MATRIX_KEY;
import static io.keyward.server.it.AuthorizationMatrixIT.REPORTS_READER;
import static io.keyward.server.it.AuthorizationMatrixIT.STRENGTHS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects an {@link AuthorizationMatrixIT} call acts on, each made through Graph on first use and then kept: a
 * fresh fixture makes only what its call touches (the user it deletes, the group it removes a member from); the
 * shared one is made {@link #complete(List) complete}.
 */
class MatrixFixture {

    private static final String GRAPH_SP_FILTER = "servicePrincipals?$filter=" + Graph.enc("appId eq '00000003-0000-0000-c000-000000000000'");

    /** The Graph API's service principal, with its app roles: read once. */
    private static JsonNode graphServicePrincipal;

    private final Graph graph;
    private final String admin;
    private final Map<String, String> parts = new HashMap<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    /** A fixture that makes its objects through {@code graph} as {@code admin}, a token holding every permission. */
    MatrixFixture(Graph graph, String admin) {
        this.graph = graph;
        this.admin = admin;
    }

    /** Made-up ids in place of objects: where each row's call would go, found without making anything. */
    static MatrixFixture placeholders() {
        return new MatrixFixture(null, null) {
            @Override
            String once(String part, Supplier<String> make) {
                return UUID.randomUUID().toString();
            }
        };
    }

    String userId() {
        return once("user", () -> user("fx", "Fixture"));
    }

    String memberId() {
        return once("member", () -> user("fm", "Member"));
    }

    /** A group with {@link #memberId()} as its member. */
    String groupId() {
        return once("group", () -> id(graph.post("groups", admin, "{\"displayName\":\"Fixture " + suffix + "\",\"securityEnabled\":true,"
                + "\"members@odata.bind\":[\"https://graph.microsoft.com/v1.0/directoryObjects/" + memberId() + "\"]}")));
    }

    String tenantId() {
        return once("tenant", TestDirectory::tenantId);
    }

    String auditId() {
        return once("audit", () -> firstId(graph.get("auditLogs/directoryAudits?$top=1", admin)));
    }

    /** The user who holds the passkey, the Temporary Access Pass and the sign-in. */
    String passkeyUserId() {
        return once("holder", () -> user("fk", "Holder"));
    }

    String passkeyId() {
        return once("passkey", () -> id(graph.post(passkeys(), admin, registration("Matrix key"))));
    }

    /** A registration of another key for the holder, for the row that provisions one. */
    String registrationBody() {
        return once("registration", () -> registration("Second key"));
    }

    String tapId() {
        return once("pass", () -> id(graph.post("users/" + passkeyUserId() + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60}")));
    }

    /** The sign-in log entry of the holder's attempt with a wrong Temporary Access Pass. */
    String signInId() {
        return once("sign-in", () -> {
            String holder = passkeyUserId();
            tapId();
            new Browser(graph.root()).post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + upn("fk")
                    + "\",\"temporaryAccessPass\":\"not-the-pass\"}");
            return firstId(graph.get(("auditLogs/signIns?$top=1&$filter=userId eq '" + holder + "'").replace(" ", "%20").replace("'", "%27"),
                    admin));
        });
    }

    String modelAaguid() {
        return once("model", () -> {
            String model = UUID.randomUUID().toString();
            made(graph.post("keyward/metadata/statements", admin, "{\"aaGuid\":\"" + model + "\",\"description\":\"Matrix model\","
                    + "\"trustedAttestationPublicKeys\":[\"" + MATRIX_KEY + "\"]}"));
            return model;
        });
    }

    String applicationId() {
        return once("application", () -> id(graph.post("applications", admin, "{\"displayName\":\"Matrix app " + suffix + "\"}")));
    }

    String applicationAppId() {
        return once("application appId", () -> graph.get("applications/" + applicationId(), admin).json().get("appId").asText());
    }

    String passwordKeyId() {
        return once("password", () -> made(graph.post("applications/" + applicationId() + "/addPassword", admin, "{}")).get("keyId").asText());
    }

    /** {@link #memberId()} made a Reports Reader. */
    String roleAssignmentId() {
        return once("role assignment", () -> id(graph.post("roleManagement/directory/roleAssignments", admin, "{\"principalId\":\""
                + memberId() + "\",\"roleDefinitionId\":\"" + REPORTS_READER + "\"}")));
    }

    String servicePrincipalId() {
        return once("service principal", () -> id(graph.post("servicePrincipals", admin, "{\"appId\":\"" + applicationAppId() + "\"}")));
    }

    String graphServicePrincipalId() {
        return once("Graph service principal", () -> graphServicePrincipal().get("id").asText());
    }

    /** The application's consent to User.Read on Graph. */
    String grantId() {
        return once("grant", () -> id(graph.post("oauth2PermissionGrants", admin, "{\"clientId\":\"" + servicePrincipalId()
                + "\",\"consentType\":\"AllPrincipals\",\"resourceId\":\"" + graphServicePrincipalId() + "\",\"scope\":\"User.Read\"}")));
    }

    /** The service principal of a second application. */
    String bareServicePrincipalId() {
        return once("bare service principal", () -> {
            String appId = made(graph.post("applications", admin, "{\"displayName\":\"Matrix bare " + suffix + "\"}")).get("appId").asText();
            return id(graph.post("servicePrincipals", admin, "{\"appId\":\"" + appId + "\"}"));
        });
    }

    /** On the second app: an app holding a permission has secrets only its holders may manage (the password rows). */
    String appRoleAssignmentId() {
        return once("app role assignment", () -> id(graph.post("servicePrincipals/" + bareServicePrincipalId() + "/appRoleAssignments", admin,
                "{\"principalId\":\"" + bareServicePrincipalId() + "\",\"resourceId\":\"" + graphServicePrincipalId() + "\",\"appRoleId\":\""
                        + appRoleId("User.Read.All") + "\"}")));
    }

    String assignableAppRoleId() {
        return once("assignable app role", () -> appRoleId("AppRoleAssignment.ReadWrite.All"));
    }

    String strengthId() {
        return once("strength", () -> id(graph.post(STRENGTHS, admin, "{\"displayName\":\"Fixture strength " + UUID.randomUUID()
                + "\",\"allowedCombinations\":[\"fido2\"]}")));
    }

    /** A strength whose fido2 combination is restricted to {@link #modelAaguid()} ({@link #combinationId()}). */
    String restrictedStrengthId() {
        return once("restricted strength", () -> id(graph.post(STRENGTHS, admin, "{\"displayName\":\"Fixture models " + UUID.randomUUID()
                + "\",\"allowedCombinations\":[\"fido2\"]}")));
    }

    String combinationId() {
        return once("combination", () -> id(graph.post(STRENGTHS + "/" + restrictedStrengthId() + "/combinationConfigurations", admin,
                "{\"@odata.type\":\"#microsoft.graph.fido2CombinationConfiguration\",\"allowedAAGUIDs\":[\"" + modelAaguid() + "\"]}")));
    }

    String conditionalAccessPolicyId() {
        return once("conditional access policy", () -> id(graph.post(CA_POLICIES, admin, AuthorizationMatrixIT.conditionalAccessPolicy(this))));
    }

    /** Makes everything any row's path or body names. */
    MatrixFixture complete(List<AuthorizationMatrixIT.Operation> rows) {
        for (AuthorizationMatrixIT.Operation row : rows) {
            row.path().apply(this);
            row.body().apply(this);
        }
        return this;
    }

    /**
     * An administrator's reading of every object the fixture holds, and of the tenant's passkey policy: the same
     * before and after calls that changed nothing.
     */
    Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("users/" + userId(), "users/" + memberId(), "users/" + passkeyUserId(), "groups/" + groupId(),
                "groups/" + groupId() + "/members", passkeys(), "users/" + passkeyUserId() + "/authentication/temporaryAccessPassMethods",
                "keyward/metadata/statements/" + modelAaguid(), "applications/" + applicationId(),
                "roleManagement/directory/roleAssignments/" + roleAssignmentId(), "servicePrincipals/" + servicePrincipalId(),
                "servicePrincipals/" + bareServicePrincipalId() + "/appRoleAssignments", "oauth2PermissionGrants/" + grantId(),
                STRENGTHS + "/" + strengthId(), STRENGTHS + "/" + restrictedStrengthId() + "/combinationConfigurations",
                CA_POLICIES + "/" + conditionalAccessPolicyId(), FIDO2_CONFIGURATION)) {
            state.put(path, graph.get(path, admin).toString());
        }
        return state;
    }

    /** The part made earlier, or made now. */
    String once(String part, Supplier<String> make) {
        String value = parts.get(part);
        if (value == null) {
            value = make.get();
            parts.put(part, value);
        }
        return value;
    }

    private String user(String alias, String displayName) {
        return id(graph.post("users", admin, "{\"userPrincipalName\":\"" + upn(alias) + "\",\"displayName\":\"" + displayName + "\"}"));
    }

    private String upn(String alias) {
        return alias + suffix + "@matrix.example";
    }

    private String passkeys() {
        return "users/" + passkeyUserId() + "/authentication/fido2Methods";
    }

    private String registration(String keyName) {
        return Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN,
                graph.get(passkeys() + "/creationOptions", admin).json()), keyName);
    }

    /** The id of what a POST made. */
    private static String id(Graph.Reply reply) {
        return made(reply).get("id").asText();
    }

    /** What a POST made, failing with the reply if it made nothing. */
    private static JsonNode made(Graph.Reply reply) {
        assertThat(reply.status()).as("making the fixture: " + reply).isBetween(200, 201);
        return reply.json();
    }

    /** The id of a list's first entry, failing with the reply if the list is empty. */
    private static String firstId(Graph.Reply list) {
        JsonNode first = list.json().path("value").path(0);
        assertThat(first.path("id").isTextual()).as("the list's first entry: " + list).isTrue();
        return first.get("id").asText();
    }

    private JsonNode graphServicePrincipal() {
        if (graphServicePrincipal == null) {
            graphServicePrincipal = graph.get(GRAPH_SP_FILTER, admin).json().get("value").get(0);
        }
        return graphServicePrincipal;
    }

    /** The id of the Graph API's app role with this value. */
    private String appRoleId(String value) {
        for (JsonNode role : graphServicePrincipal().get("appRoles")) {
            if (role.get("value").asText().equals(value)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("No app role " + value);
    }
}
