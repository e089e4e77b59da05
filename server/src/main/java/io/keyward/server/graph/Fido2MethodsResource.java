package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.RegistrationChannel;
import io.keyward.server.token.PrivilegedUserRules.SensitiveAction;
import io.keyward.server.webauthn.RegistrationResponse;
import io.keyward.server.webauthn.Registrations;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.keyward.server.token.GraphPermission.*;

/**
 * {@code /users/{id|upn}/authentication/fido2Methods} and {@code /me/authentication/fido2Methods}: list, get,
 * delete passkeys, and admin provisioning (creationOptions, then POST the authenticator's response), GRAPH-API.md §2.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/{owner: users/[^/]+|me}/authentication/{collection: (?i)fido2Methods}")
@Produces(MediaType.APPLICATION_JSON)
public class Fido2MethodsResource {

    static final Duration V1_TIMEOUT = Duration.ofMinutes(5);
    static final int MIN_TIMEOUT_MINUTES = 5;
    static final int MAX_TIMEOUT_MINUTES = 43200;
    private static final Pattern FUNCTION_ARGUMENT = Pattern.compile("(?i)creationOptions(?:\\((?:challengeTimeoutInMinutes=)?([^)]*)\\))?");

    @Inject
    PasskeyService passkeys;

    @Inject
    Registrations registrations;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    MethodOwners owners;

    @Inject
    PrivilegedTargets privilegedTargets;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    @Context
    UriInfo uri;

    @PathParam("version")
    String version;

    @PathParam("owner")
    String owner;

    @GET
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READ_ALL, USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READ_ALL,
            USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READ, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READ, USERAUTHENTICATIONMETHOD_READWRITE})
    public Response list() {
        DirectoryUser user = owner();
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        passkeys.list(user.id()).forEach(p -> values.add(AuthenticationMethodsJson.passkey(p, user, metadata)));
        return ok(GraphEntities.collection(GraphContext.collection(uri, version, "users('" + user.id() + "')/authentication/fido2Methods",
                Optional.empty()), values, Optional.empty(), Optional.empty()));
    }

    @GET
    @Path("{methodId: (?!(?i)creationOptions)[^/]+}")
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READ_ALL, USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READ_ALL,
            USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READ, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READ, USERAUTHENTICATIONMETHOD_READWRITE})
    public Response get(@PathParam("methodId") String methodId) {
        DirectoryUser user = owner();
        ObjectNode body = AuthenticationMethodsJson.passkey(passkeys.require(user.id(), methodId), user, metadata);
        body.put("@odata.context", GraphContext.entity(uri, version, "users('" + user.id() + "')/authentication/fido2Methods", Optional.empty()));
        return ok(body);
    }

    @DELETE
    @Path("{methodId: (?!(?i)creationOptions)[^/]+}")
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READWRITE})
    public Response delete(@PathParam("methodId") String methodId) {
        passkeys.delete(ownerToChange(), methodId, request.actor());
        return Response.noContent().build();
    }

    /**
     * Creation options for provisioning a passkey on the user's behalf. The timeout arrives in any of the forms
     * clients use (GRAPH-API.md §2.3): {@code creationOptions(challengeTimeoutInMinutes=10)}, an OData alias
     * resolved from the query, the plain query parameter, or none. v1.0 always uses 5 minutes.
     */
    /**
     * Keyward extension: an admin who has checked a passkey flagged as a possible clone ({@code suspectReason}
     * {@code signCountRegression}) lets it sign in again. 200 with the passkey; 400 when it is not flagged.
     */
    @POST
    @Path("{methodId: (?!(?i)creationOptions)[^/]+}/clearCloneFlag")
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READWRITE})
    public Response clearCloneFlag(@PathParam("methodId") String methodId) {
        DirectoryUser user = owner();
        return Response.ok(AuthenticationMethodsJson.passkey(passkeys.clearCloneFlag(user, methodId, request.actor()), user, metadata)
                .toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{function: (?i)creationOptions(\\([^/]*\\))?}")
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READWRITE})
    public Response creationOptions(@PathParam("function") String function) {
        DirectoryUser user = ownerToChange();
        Duration timeout = version.equals("v1.0") ? V1_TIMEOUT : Duration.ofMinutes(timeoutMinutes(function));
        return ok(AuthenticationMethodsJson.creationOptions(registrations.options(user, channel(), timeout, request.actor())));
    }

    @POST
    @RequiresAnyOf({USERAUTHMETHOD_PASSKEY_READWRITE_ALL, USERAUTHENTICATIONMETHOD_READWRITE_ALL, USERAUTHMETHOD_PASSKEY_READWRITE,
            USERAUTHENTICATIONMETHOD_READWRITE})
    public Response create(InputStream body) {
        DirectoryUser user = ownerToChange();
        ObjectNode entity = GraphJson.readObject(body, config.maxRequestBytes(), "fido2AuthenticationMethod");
        JsonFields fields = new JsonFields(entity, "fido2AuthenticationMethod")
                .allowOnly(Set.of("displayName", "publicKeyCredential", ProvisioningAnnotation.NAME), Set.of("id", "aaGuid", "model"));
        List<AuditRecord.Detail> provisioning = ProvisioningAnnotation.read(entity, request.caller());
        ObjectNode credential = fields.optionalObject("publicKeyCredential")
                .orElseThrow(() -> Refused.invalid("The request is missing a fido2AuthenticationMethod entity: 'publicKeyCredential' is required."));
        JsonFields publicKey = new JsonFields(credential, "webauthnPublicKeyCredential")
                .allowOnly(Set.of("id", "response", "clientExtensionResults", "rawId", "type", "authenticatorAttachment"), Set.of());
        ObjectNode responseNode = publicKey.optionalObject("response")
                .orElseThrow(() -> Refused.invalid("'publicKeyCredential.response' is required."));
        JsonFields response = new JsonFields(responseNode, "webauthnAuthenticatorAttestationResponse")
                .allowOnly(Set.of("clientDataJSON", "clientDataJson", "attestationObject", "transports"), Set.of());
        String clientData = response.optionalString("clientDataJSON").or(() -> response.optionalString("clientDataJson"))
                .orElseThrow(() -> Refused.invalid("'publicKeyCredential.response.clientDataJSON' is required."));
        Passkey passkey = registrations.finish(user, channel(),
                new RegistrationResponse(clientData, response.requiredString("attestationObject"), publicKey.optionalString("id"),
                        response.optionalStringList("transports").orElse(List.of()), Optional.empty()),
                fields.optionalString("displayName"), request.actor(), provisioning);
        ObjectNode json = AuthenticationMethodsJson.passkey(passkey, user, metadata);
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + passkey.id()))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }

    private int timeoutMinutes(String function) {
        Matcher matcher = FUNCTION_ARGUMENT.matcher(function);
        String value = matcher.matches() ? matcher.group(1) : null;
        if (value != null && value.startsWith("@")) {
            String alias = value.substring(1);
            value = Optional.ofNullable(uri.getQueryParameters().getFirst("@" + alias))
                    .orElse(uri.getQueryParameters().getFirst(alias));
        }
        if (value == null || value.isBlank()) {
            value = uri.getQueryParameters().getFirst("challengeTimeoutInMinutes");
        }
        if (value == null || value.isBlank()) {
            return MIN_TIMEOUT_MINUTES;
        }
        try {
            double minutes = Double.parseDouble(value.trim());
            if (minutes >= MIN_TIMEOUT_MINUTES && minutes <= MAX_TIMEOUT_MINUTES && minutes == Math.rint(minutes)) {
                return (int) minutes;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw Refused.invalid("challengeTimeoutInMinutes must be a whole number from " + MIN_TIMEOUT_MINUTES + " to "
                + MAX_TIMEOUT_MINUTES + ", not '" + value + "'.");
    }

    /** {@code /me}: the user registers their own passkey (self-service, and the policy's self-service switch applies). */
    private RegistrationChannel channel() {
        return owner.equals("me") ? RegistrationChannel.SELF_SERVICE : RegistrationChannel.ADMIN_PROVISIONING;
    }

    private DirectoryUser owner() {
        return owners.resolve(owner, request.caller());
    }

    /** The owner, when the caller may change a privileged user's credentials (PrivilegedUserRules). */
    private DirectoryUser ownerToChange() {
        DirectoryUser user = owner();
        privilegedTargets.require(request.caller(), user, SensitiveAction.MANAGE_AUTHENTICATION_METHODS);
        return user;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
