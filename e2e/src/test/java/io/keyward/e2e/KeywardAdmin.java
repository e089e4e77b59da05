package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an administrator's script does to arrange a browser scenario, through the Graph API with the bootstrap
 * client: users, groups, Temporary Access Passes, the passkey policy, UPN changes, passkey deletion, the sign-in
 * log and B2B invitations. Every call that fails throws with the server's answer.
 */
final class KeywardAdmin {

    static final String FIDO2_POLICY = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    static final String FIDO2_TYPE = "#microsoft.graph.fido2AuthenticationMethodConfiguration";
    static final String DEFAULT_PROFILE = "00000000-0000-0000-0000-000000000001";
    static final String DOMAIN = "contoso.keyward.local";

    /** A user made for one scenario, with a Temporary Access Pass to bootstrap their first passkey. */
    record User(String id, String userPrincipalName, String temporaryAccessPass) {
    }

    private final GraphClient graph = new GraphClient();
    private final Bootstrap bootstrap;
    private String token;

    KeywardAdmin(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A new enabled member with a unique UPN and a 60-minute, multi-use Temporary Access Pass. */
    User newMember(String label) throws IOException, InterruptedException {
        String upn = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        JsonNode user = call("POST", "/users", Map.of("accountEnabled", true, "displayName", "E2E " + label,
                "mailNickname", upn.substring(0, upn.indexOf('@')), "userPrincipalName", upn), 201);
        String id = user.path("id").asText();
        return new User(id, upn, temporaryAccessPass(id));
    }

    /** Invites a B2B guest (Graph {@code POST /invitations}) and gives them a Temporary Access Pass. */
    User invitedGuest() throws IOException, InterruptedException {
        String email = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@fabrikam.example";
        JsonNode invitation = call("POST", "/invitations", Map.of("invitedUserEmailAddress", email,
                "inviteRedirectUrl", "https://myapps.example/", "invitedUserDisplayName", "E2E guest"), 201);
        String id = invitation.path("invitedUser").path("id").asText();
        String upn = call("GET", "/users/" + id, null, 200).path("userPrincipalName").asText();
        return new User(id, upn, temporaryAccessPass(id));
    }

    /** A B2B invitation as the guest receives it: the address it was sent to and the link to accept it. */
    record Invitation(String email, String redeemUrl, User guest) {
    }

    /** Invites a B2B guest and gives them a Temporary Access Pass; the invitation is not accepted yet. */
    Invitation invitation() throws IOException, InterruptedException {
        String email = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@fabrikam.example";
        JsonNode invitation = call("POST", "/invitations", Map.of("invitedUserEmailAddress", email,
                "inviteRedirectUrl", "https://myapps.example/", "invitedUserDisplayName", "E2E guest"), 201);
        String id = invitation.path("invitedUser").path("id").asText();
        String upn = call("GET", "/users/" + id, null, 200).path("userPrincipalName").asText();
        return new Invitation(email, invitation.path("inviteRedeemUrl").asText(), new User(id, upn, temporaryAccessPass(id)));
    }

    String temporaryAccessPass(String userId) throws IOException, InterruptedException {
        return call("POST", "/users/" + userId + "/authentication/temporaryAccessPassMethods",
                Map.of("lifetimeInMinutes", 60, "isUsableOnce", false), 201).path("temporaryAccessPass").asText();
    }

    /** A new security group with the given members. */
    String securityGroup(String label, String... memberIds) throws IOException, InterruptedException {
        String nickname = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = call("POST", "/groups", Map.of("displayName", "E2E " + nickname, "mailNickname", nickname,
                "securityEnabled", true, "mailEnabled", false), 201).path("id").asText();
        for (String member : memberIds) {
            call("POST", "/groups/" + id + "/members/$ref",
                    Map.of("@odata.id", bootstrap.graphBaseUrl() + "/directoryObjects/" + member), 204);
        }
        return id;
    }

    void changeUserPrincipalName(String userId, String newUpn) throws IOException, InterruptedException {
        call("PATCH", "/users/" + userId, Map.of("userPrincipalName", newUpn), 204);
    }

    List<JsonNode> passkeys(String userId) throws IOException, InterruptedException {
        List<JsonNode> list = new ArrayList<>();
        call("GET", "/users/" + userId + "/authentication/fido2Methods", null, 200).path("value").forEach(list::add);
        return list;
    }

    void deletePasskey(String userId, String passkeyId) throws IOException, InterruptedException {
        call("DELETE", "/users/" + userId + "/authentication/fido2Methods/" + passkeyId, null, 204);
    }

    /** PATCHes the passkey policy with these properties (the {@code @odata.type} is added). */
    void changePasskeyPolicy(Map<String, Object> properties) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.type", FIDO2_TYPE);
        body.putAll(properties);
        call("PATCH", FIDO2_POLICY, body, 204);
    }

    /** Reverts the passkey policy to the default (Graph DELETE on the configuration). */
    void resetPasskeyPolicy() throws IOException, InterruptedException {
        call("DELETE", FIDO2_POLICY, null, 204);
    }

    /** The reason codes ({@code status.additionalDetails}) of this user's refused sign-ins, any order. */
    List<String> signInRefusalReasons(String userId) throws IOException, InterruptedException {
        String filter = URLEncoder.encode("userId eq '" + userId + "'", StandardCharsets.UTF_8).replace("+", "%20");
        List<String> reasons = new ArrayList<>();
        call("GET", "/auditLogs/signIns?$filter=" + filter, null, 200).path("value").forEach(entry -> {
            JsonNode status = entry.path("status");
            if (status.path("errorCode").asInt() != 0) {
                reasons.add(status.path("additionalDetails").asText());
            }
        });
        return reasons;
    }

    /**
     * The reason codes of this user's refused passkey registrations in the directory audit log (entries with
     * {@code result} failure, whose {@code resultReason} starts with the code), newest first.
     */
    List<String> registrationRefusalReasons(String userId) throws IOException, InterruptedException {
        String filter = URLEncoder.encode("result eq 'failure'", StandardCharsets.UTF_8).replace("+", "%20");
        List<String> reasons = new ArrayList<>();
        call("GET", "/auditLogs/directoryAudits?$top=100&$filter=" + filter, null, 200).path("value").forEach(entry -> {
            if (entry.path("targetResources").toString().contains(userId)) {
                String reason = entry.path("resultReason").asText();
                reasons.add(reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason);
            }
        });
        return reasons;
    }

    /** A web app registered through Graph: its object id, client id ({@code appId}) and a client secret. */
    record WebApp(String id, String clientId, String clientSecret) {
    }

    /**
     * Registers a confidential web app as an administrator does (Graph {@code POST /applications} with its redirect URIs and
     * sign-out URL, then {@code addPassword} for a secret).
     */
    WebApp registerWebApp(String displayName, List<String> redirectUris, String logoutUrl) throws IOException, InterruptedException {
        JsonNode app = call("POST", "/applications", Map.of("displayName", displayName,
                "web", Map.of("redirectUris", redirectUris, "logoutUrl", logoutUrl)), 201);
        String id = app.path("id").asText();
        String secret = call("POST", "/applications/" + id + "/addPassword",
                Map.of("passwordCredential", Map.of("displayName", "browser suite")), 200).path("secretText").asText();
        return new WebApp(id, app.path("appId").asText(), secret);
    }

    /** The sign-in log's entries for this user, newest first. */
    List<JsonNode> signIns(String userId) throws IOException, InterruptedException {
        String filter = URLEncoder.encode("userId eq '" + userId + "'", StandardCharsets.UTF_8).replace("+", "%20");
        List<JsonNode> entries = new ArrayList<>();
        call("GET", "/auditLogs/signIns?$filter=" + filter, null, 200).path("value").forEach(entries::add);
        return entries;
    }

    /** A path under {@code /graph/beta} (Keyward extensions live there). */
    String betaUrl(String path) {
        return bootstrap.graphBaseUrl().replaceAll("/v1\\.0$", "/beta") + path;
    }

    /** Status and body of a call, for what a scenario wants to check itself. */
    GraphClient.Reply send(String method, String path, Object body) throws IOException, InterruptedException {
        String url = path.startsWith("http") ? path : bootstrap.graphBaseUrl() + path;
        GraphClient.Reply reply = method.equals("GET") ? graph.get(url, Optional.of(token()))
                : graph.send(method, url, token(), body);
        if (reply.status() == 401) {
            // The token expired during a long run: once more with a new one.
            token = null;
            reply = method.equals("GET") ? graph.get(url, Optional.of(token())) : graph.send(method, url, token(), body);
        }
        return reply;
    }

    private JsonNode call(String method, String path, Object body, int expectedStatus) throws IOException, InterruptedException {
        GraphClient.Reply reply = send(method, path, body);
        if (reply.status() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.status() + " (expected " + expectedStatus
                    + "): " + reply.body());
        }
        return reply.body();
    }

    private String token() throws IOException, InterruptedException {
        if (token == null) {
            token = graph.accessToken(bootstrap);
        }
        return token;
    }

    /**
     * Deletes conditional access policies, then authentication strengths (a strength a policy uses cannot be deleted),
     * and empties both lists: what scenarios that created them clean up after each test.
     */
    void deleteConditionalAccess(List<String> policies, List<String> strengths) throws IOException, InterruptedException {
        for (String policy : policies) {
            send("DELETE", "/identity/conditionalAccess/policies/" + policy, null);
        }
        for (String strength : strengths) {
            send("DELETE", "/policies/authenticationStrengthPolicies/" + strength, null);
        }
        policies.clear();
        strengths.clear();
    }
}
