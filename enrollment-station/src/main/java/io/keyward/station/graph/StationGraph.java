package io.keyward.station.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Graph operations of the station (GRAPH-API.md §2, §4): find employees, provision passkeys, read the policy. */
public final class StationGraph {

    /** How long the station trusts Keyward's answer about a model (metadata changes daily at most). */
    public static final Duration MODEL_FRESHNESS = Duration.ofMinutes(5);

    private final KeywardClient client;
    private final Clock clock;
    private final Map<UUID, KnownModel> models = new ConcurrentHashMap<>();

    public StationGraph(KeywardClient client) {
        this(client, Clock.systemUTC());
    }

    public StationGraph(KeywardClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public KeywardClient client() {
        return client;
    }

    /** Users whose display name or UPN starts with {@code text} (case-insensitive), at most 25. */
    public List<Employee> searchUsers(String text) throws GraphRefusal, KeywardUnavailableException {
        String quoted = "'" + text.trim().replace("'", "''") + "'";
        String filter = "startswith(displayName," + quoted + ") or startswith(userPrincipalName," + quoted + ")";
        return employees(client.get("v1.0/users?$top=25&$select=" + Employee.SELECT + "&$filter="
                + KeywardClient.encode(filter)));
    }

    public Employee user(String idOrUpn) throws GraphRefusal, KeywardUnavailableException {
        return Employee.from(client.get("v1.0/users/" + KeywardClient.encode(idOrUpn) + "?$select=" + Employee.SELECT));
    }

    /** Members of a security group (batch enrollment by group), following next links. */
    public List<Employee> groupMembers(String groupId) throws GraphRefusal, KeywardUnavailableException {
        return employees(client.get("v1.0/groups/" + KeywardClient.encode(groupId) + "/members?$top=999&$select="
                + Employee.SELECT));
    }

    /**
     * creationOptions for a user (beta, so a drop-ship key can get up to 43,200 minutes). Keyward refuses here,
     * before any key is touched, guests, disabled accounts, users outside the passkey policy and self-service off.
     */
    public CreationOptions creationOptions(String userId, int timeoutMinutes) throws GraphRefusal, KeywardUnavailableException {
        return CreationOptions.from(client.get("beta/users/" + KeywardClient.encode(userId)
                + "/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=" + timeoutMinutes + ")"));
    }

    /**
     * POST fido2Methods with the key's attestation (GRAPH-API.md §2.4): base64url without padding, and what the
     * station does to the key's PIN as Keyward's {@code "@keyward.provisioning"} annotation (for the audit log; null
     * states nothing).
     */
    public RegisteredPasskey register(String userId, String displayName, byte[] credentialId, byte[] clientDataJson,
                                      byte[] attestationObject, ProvisioningStatement statement)
            throws GraphRefusal, KeywardUnavailableException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        ObjectNode body = client.object();
        body.put("displayName", displayName);
        if (statement != null) {
            statement.writeTo(body);
        }
        ObjectNode credential = body.putObject("publicKeyCredential");
        credential.put("id", base64url.encodeToString(credentialId));
        ObjectNode response = credential.putObject("response");
        response.put("clientDataJSON", base64url.encodeToString(clientDataJson));
        response.put("attestationObject", base64url.encodeToString(attestationObject));
        return RegisteredPasskey.from(client.post("beta/users/" + KeywardClient.encode(userId) + "/authentication/fido2Methods", body));
    }

    /** Takes back a registration (DELETE fido2Methods/{id}): a key the station could not finish after Keyward accepted it. */
    public void deletePasskey(String userId, String methodId) throws GraphRefusal, KeywardUnavailableException {
        client.delete("beta/users/" + KeywardClient.encode(userId) + "/authentication/fido2Methods/" + KeywardClient.encode(methodId));
    }

    public KeyRestrictions keyRestrictions() throws GraphRefusal, KeywardUnavailableException {
        return keyRestrictionsLater().get();
    }

    /** The key restrictions, asked for now and read later: the station asks while it talks to the key. */
    public Pending<KeyRestrictions> keyRestrictionsLater() {
        return client.getLater("v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2")
                .map(policy -> KeyRestrictions.from(policy.path("keyRestrictions")));
    }

    /** creationOptions, asked for now and read later (see {@link #creationOptions}). */
    public Pending<CreationOptions> creationOptionsLater(String userId, int timeoutMinutes) {
        return client.getLater("beta/users/" + KeywardClient.encode(userId)
                + "/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=" + timeoutMinutes + ")").map(CreationOptions::from);
    }

    /**
     * The model's metadata, or empty when Keyward has none for this AAGUID. A batch hands out keys of few models, so
     * an answer is kept for {@link #MODEL_FRESHNESS}: a model reported compromised since is still refused by Keyward
     * at registration, after which the station deletes the passkey from the key again.
     */
    public Optional<ModelFacts> model(UUID aaguid) throws GraphRefusal, KeywardUnavailableException {
        KnownModel known = models.get(aaguid);
        if (known != null && known.askedAt().plus(MODEL_FRESHNESS).isAfter(clock.instant())) {
            return known.facts();
        }
        Optional<ModelFacts> facts;
        try {
            JsonNode model = client.get("v1.0/keyward/metadata/models/" + aaguid);
            facts = Optional.of(new ModelFacts(aaguid.toString(), model.path("description").asText(""),
                    model.path("isCompromised").asBoolean(false)));
        } catch (GraphRefusal refusal) {
            if (refusal.status() != 404) {
                throw refusal;
            }
            facts = Optional.empty();
        }
        models.put(aaguid, new KnownModel(facts, clock.instant()));
        return facts;
    }

    private record KnownModel(Optional<ModelFacts> facts, Instant askedAt) {
    }

    private static List<Employee> employees(JsonNode page) {
        List<Employee> employees = new ArrayList<>();
        page.path("value").forEach(user -> employees.add(Employee.from(user)));
        return employees;
    }
}
