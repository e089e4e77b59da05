package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyKind;
import io.keyward.server.passkey.PasskeyNames;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.PasskeyPolicies;
import io.keyward.server.policy.RegistrationChannel;
import io.keyward.server.policy.UserFacts;
import io.keyward.server.webauthn.RegistrationResponse;
import io.keyward.server.webauthn.Registrations;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Security info" for the signed-in user: list my passkeys, add one (self-service, as the policy allows), rename,
 * delete. Every refusal comes back with its reason code and a sentence for the page to show ({@link RefusalMapper}). The listing says up
 * front what the policy means for this person ({@link PasskeyStanding}): each passkey's state and whether Add is
 * offered.
 */
@RequestScoped
@Path("myaccount")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityInfoApi {

    static final Duration REGISTRATION_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    BrowserSessions sessions;

    @Inject
    PasskeyService passkeys;

    @Inject
    Registrations registrations;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    PasskeyPolicies policies;

    @Inject
    PasskeyStanding standing;

    @Context
    HttpHeaders headers;

    @Context
    jakarta.ws.rs.core.UriInfo uri;

    /**
     * The Security info page, for a browser's navigation ({@code Accept: text/html}). Its server-side quality
     * ({@code qs}) is below JSON's, so a client that accepts anything ({@code *}{@code /*}, or no Accept header)
     * keeps getting the JSON below. Without a session the browser goes to the sign-in page.
     */
    @GET
    @Produces("text/html;qs=0.5")
    public Response page() {
        try {
            sessions.require(headers);
        } catch (Refused notSignedIn) {
            return Response.seeOther(URI.create("/signin")).header("Cache-Control", "no-store").build();
        }
        return Pages.page("security-info");
    }

    /** The signed-in user and their passkeys. */
    @GET
    public Response me() {
        BrowserSessions.SignedIn signedIn = sessions.require(headers);
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("id", signedIn.user().id().toString());
        body.put("userPrincipalName", signedIn.user().userPrincipalName());
        body.put("displayName", signedIn.user().displayName());
        body.put("signInMethod", signedIn.session().method());
        UserFacts facts = policies.factsFor(signedIn.user());
        PasskeyStanding.AddAvailability add = standing.addAvailability(facts);
        body.putObject("addPasskey").put("available", add.available())
                .put("reason", add.reason().map(ReasonCode::code).orElse(null)).put("message", add.message());
        ArrayNode list = body.putArray("passkeys");
        passkeys.list(signedIn.user().id()).forEach(p -> list.add(json(p, signedIn.user(), facts)));
        return WebJson.ok(body);
    }

    @POST
    @Path("passkeys/options")
    @Ceremony("registration.selfService.options")
    public Response registrationOptions() {
        BrowserSessions.SignedIn signedIn = sessions.require(headers);
        // Adding a passkey binds a credential to the account for good: it needs a recent passkey or TAP sign-in.
        sessions.requireRecentStrongSignIn(signedIn);
        DirectoryUser user = signedIn.user();
        return WebJson.ok(WebJson.creationOptions(registrations.options(user, RegistrationChannel.SELF_SERVICE, REGISTRATION_TIMEOUT)));
    }

    /**
     * Registers the browser's {@code PublicKeyCredential.toJSON()} with an optional {@code displayName}. Without one,
     * the passkey is named after its model, or after its kind when the metadata does not know the model
     * ({@link PasskeyNames#forNewPasskey}). A policy refusal about the authenticator names its model, not its AAGUID.
     */
    @POST
    @Path("passkeys")
    @Ceremony("registration.selfService")
    public Response register(InputStream body) {
        DirectoryUser user = sessions.require(headers).user();
        JsonNode json = WebJson.read(body);
        JsonNode credential = json.has("credential") ? json.get("credential") : json;
        JsonNode response = credential.path("response");
        List<String> transports = new ArrayList<>();
        response.path("transports").forEach(t -> transports.add(t.asText()));
        Optional<String> attestationObject = WebJson.text(response, "attestationObject");
        Optional<AttestedModel> claimed = AttestedModel.peek(attestationObject);
        Optional<String> claimedModel = claimed.flatMap(c -> metadata.find(c.aaguid())).map(m -> m.description());
        Optional<String> displayName = WebJson.text(json, "displayName").filter(s -> !s.isBlank());
        String name = displayName.orElseGet(() -> PasskeyNames.forNewPasskey(claimedModel,
                PasskeyKind.of(claimed.map(AttestedModel::backupEligible).orElse(false), transports,
                        WebJson.text(credential, "authenticatorAttachment").orElse("")),
                passkeys.list(user.id()).stream().map(Passkey::displayName).toList()));
        Passkey passkey;
        try {
            passkey = registrations.finish(user, RegistrationChannel.SELF_SERVICE, new RegistrationResponse(
                            WebJson.text(response, "clientDataJSON").orElse(null), attestationObject.orElse(null),
                            WebJson.text(credential, "id"), transports, Optional.empty()),
                    Optional.of(name), actor(user));
        } catch (Refused refused) {
            throw AttestedModel.reworded(refused, claimedModel);
        }
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(passkey, user, policies.factsFor(user)).toString()).build();
    }

    @PATCH
    @Path("passkeys/{id}")
    public Response rename(@PathParam("id") String id, InputStream body) {
        DirectoryUser user = sessions.require(headers).user();
        // PasskeyNames says what is wrong with the name in words; a missing field is an empty name.
        Passkey passkey = passkeys.rename(user, id, WebJson.text(WebJson.read(body), "displayName").orElse(""), actor(user));
        return WebJson.ok(json(passkey, user, policies.factsFor(user)));
    }

    @DELETE
    @Path("passkeys/{id}")
    public Response delete(@PathParam("id") String id) {
        BrowserSessions.SignedIn signedIn = sessions.require(headers);
        DirectoryUser user = signedIn.user();
        // Deleting a passkey ends every session of the user (a copied cookie too); this browser stays signed in.
        passkeys.delete(user, id, actor(user));
        return Response.noContent().cookie(sessions.renew(signedIn, uri)).build();
    }

    private ObjectNode json(Passkey p, DirectoryUser owner, UserFacts facts) {
        ObjectNode node = WebJson.MAPPER.createObjectNode();
        node.put("id", p.id());
        node.put("displayName", p.displayName());
        node.put("model", metadata.modelName(p.aaguid()));
        node.put("isModelKnown", standing.knownModel(p).isPresent());
        node.put("aaGuid", p.aaguid().toString());
        node.put("passkeyType", p.passkeyType().name());
        node.put("kind", PasskeyKind.of(p.backupEligible(), p.transports(), "").json());
        node.put("createdDateTime", p.createdAt().toString());
        node.put("lastUsedDateTime", p.lastUsedAt().map(Object::toString).orElse(null));
        node.put("registeredUserPrincipalName", p.registeredUpn());
        node.put("isRegisteredUnderPreviousUserPrincipalName", p.registeredUnderPreviousUpn(owner.userPrincipalName()));
        node.put("suspectReason", p.suspectReason().orElse(null));
        PasskeyStanding.Standing state = standing.of(p, owner, facts);
        node.put("state", state.state().json);
        node.put("stateReason", state.reason().orElse(null));
        node.put("stateMessage", state.message());
        return node;
    }

    private static Actor actor(DirectoryUser user) {
        return new Actor(Actor.Kind.user, user.id().toString(), user.userPrincipalName());
    }
}
