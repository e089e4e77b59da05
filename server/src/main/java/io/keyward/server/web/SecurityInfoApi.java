package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.RegistrationChannel;
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
 * delete. Every refusal comes back with its reason code and a sentence for the page to show.
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

    @Context
    HttpHeaders headers;

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
        try {
            BrowserSessions.SignedIn signedIn = sessions.require(headers);
            ObjectNode body = WebJson.MAPPER.createObjectNode();
            body.put("id", signedIn.user().id().toString());
            body.put("userPrincipalName", signedIn.user().userPrincipalName());
            body.put("displayName", signedIn.user().displayName());
            body.put("signInMethod", signedIn.session().method());
            ArrayNode list = body.putArray("passkeys");
            passkeys.list(signedIn.user().id()).forEach(p -> list.add(json(p, signedIn.user())));
            return WebJson.ok(body);
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    @POST
    @Path("passkeys/options")
    public Response registrationOptions() {
        try {
            BrowserSessions.SignedIn signedIn = sessions.require(headers);
            // Adding a passkey binds a credential to the account for good: it needs a recent passkey or TAP sign-in.
            sessions.requireRecentStrongSignIn(signedIn);
            DirectoryUser user = signedIn.user();
            return WebJson.ok(WebJson.creationOptions(registrations.options(user, RegistrationChannel.SELF_SERVICE, REGISTRATION_TIMEOUT)));
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    /** Registers the browser's {@code PublicKeyCredential.toJSON()} with an optional {@code displayName}. */
    @POST
    @Path("passkeys")
    public Response register(InputStream body) {
        try {
            DirectoryUser user = sessions.require(headers).user();
            JsonNode json = WebJson.read(body);
            JsonNode credential = json.has("credential") ? json.get("credential") : json;
            JsonNode response = credential.path("response");
            List<String> transports = new ArrayList<>();
            response.path("transports").forEach(t -> transports.add(t.asText()));
            Passkey passkey = registrations.finish(user, RegistrationChannel.SELF_SERVICE, new RegistrationResponse(
                            WebJson.text(response, "clientDataJSON").orElse(null), WebJson.text(response, "attestationObject").orElse(null),
                            WebJson.text(credential, "id"), transports, Optional.empty()),
                    WebJson.text(json, "displayName").filter(s -> !s.isBlank()), actor(user));
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(json(passkey, user).toString()).build();
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    @PATCH
    @Path("passkeys/{id}")
    public Response rename(@PathParam("id") String id, InputStream body) {
        try {
            DirectoryUser user = sessions.require(headers).user();
            Passkey passkey = passkeys.rename(user, id, WebJson.required(WebJson.read(body), "displayName"), actor(user));
            return WebJson.ok(json(passkey, user));
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    @DELETE
    @Path("passkeys/{id}")
    public Response delete(@PathParam("id") String id) {
        try {
            DirectoryUser user = sessions.require(headers).user();
            passkeys.delete(user, id, actor(user));
            return Response.noContent().build();
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    private ObjectNode json(Passkey p, DirectoryUser owner) {
        ObjectNode node = WebJson.MAPPER.createObjectNode();
        node.put("id", p.id());
        node.put("displayName", p.displayName());
        node.put("model", metadata.modelName(p.aaguid()));
        node.put("aaGuid", p.aaguid().toString());
        node.put("passkeyType", p.passkeyType().name());
        node.put("createdDateTime", p.createdAt().toString());
        node.put("lastUsedDateTime", p.lastUsedAt().map(Object::toString).orElse(null));
        node.put("registeredUserPrincipalName", p.registeredUpn());
        node.put("isRegisteredUnderPreviousUserPrincipalName", p.registeredUnderPreviousUpn(owner.userPrincipalName()));
        node.put("suspectReason", p.suspectReason().orElse(null));
        return node;
    }

    private static Actor actor(DirectoryUser user) {
        return new Actor(Actor.Kind.user, user.id().toString(), user.userPrincipalName());
    }
}
