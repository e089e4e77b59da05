package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.ConditionalAccess;
import io.keyward.server.access.SecretSignIns;
import io.keyward.server.access.SignInChannel;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.TenantService;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.token.AuthenticationProof;
import io.keyward.server.token.Authorizations;
import io.keyward.server.token.SignInSessions;
import io.keyward.server.token.WebSessions;
import io.keyward.server.webauthn.AssertionResponse;
import io.keyward.server.webauthn.Authentications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Optional;

/**
 * The sign-in API behind the sign-in page: passkey (usernameless or name first), Temporary Access Pass, and password
 * for accounts that have one. It translates HTTP: the ceremonies decide, throttle and write the sign-in log; refusals
 * are answered by {@link RefusalMapper}; {@link SameOriginRequests} keeps other sites out.
 */
@RequestScoped
@Path("signin")
@Produces(MediaType.APPLICATION_JSON)
public class SignInApi {

    @Inject
    Authentications authentications;

    @Inject
    SecretSignIns secretSignIns;

    @Inject
    BrowserSessions sessions;

    @Context
    HttpServletRequest http;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Inject
    Authorizations authorizations;

    @Inject
    SignInSessions signInSessions;

    @Inject
    TenantService tenants;

    @Inject
    ConditionalAccess conditionalAccess;

    @Inject
    SignInFlood flood;

    @Inject
    io.keyward.server.platform.KeywardConfig config;

    /** The sign-in page (also at {@code /}). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return Pages.page("signin");
    }

    /** Request options: {@code {}} for usernameless sign-in, {@code {"userPrincipalName": …}} when the person typed a name. */
    @POST
    @Path("passkey/options")
    @Ceremony("signin.passkey.options")
    public Response passkeyOptions(InputStream body) {
        flood.admit(clientAddress(), "passkey/options");
        return WebJson.ok(WebJson.requestOptions(authentications.options(WebJson.text(WebJson.read(body), "userPrincipalName"))));
    }

    /** Finishes a passkey sign-in with the browser's {@code PublicKeyCredential.toJSON()}. */
    @POST
    @Path("passkey")
    @Ceremony("signin.passkey")
    public Response passkey(InputStream body) {
        flood.admit(clientAddress(), "passkey");
        JsonNode credential = WebJson.read(body);
        JsonNode response = credential.path("response");
        // The session is opened inside the sign-in's transaction (one commit per sign-in, docs/performance.md).
        Opened opened = authentications.finish(new AssertionResponse(
                WebJson.text(credential, "id").or(() -> WebJson.text(credential, "rawId")).orElse(null),
                WebJson.text(response, "clientDataJSON").orElse(null), WebJson.text(response, "authenticatorData").orElse(null),
                WebJson.text(response, "signature").orElse(null), WebJson.text(response, "userHandle")), channel(),
                result -> new Opened(result.user(), openSession(result.user(), "passkey",
                        AuthenticationProof.passkey(result.passkey().passkeyType() == PasskeyType.deviceBound, result.passkey().aaguid()))));
        // A sign-in that worked gives back both requests it took: its options and this finish.
        flood.succeeded(clientAddress(), 2);
        return signedIn(opened.user(), "passkey", opened.cookie());
    }

    /** A signed-in user and the session cookie opened for them. */
    private record Opened(DirectoryUser user, NewCookie cookie) {
    }

    /**
     * What the app this browser is signing into needs that the browser's current sign-in does not give (single sign-on
     * fell short of its conditional access), so the page can say so before the person tries: {@code {code, message}},
     * or 204 when there is no such app or nothing is missing.
     */
    @GET
    @Path("requirement")
    public Response requirement() {
        Optional<ObjectNode> missing = parked().flatMap(p -> sessions.forApps(headers).flatMap(current ->
                conditionalAccess.wouldRefuse(current.user(), channel(Optional.of(p)), current.method())).map(refusal -> {
                    ObjectNode body = WebJson.MAPPER.createObjectNode();
                    body.put("code", refusal.reason().code());
                    body.put("message", refusal.getMessage());
                    return body;
                }));
        return missing.map(body -> Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build())
                .orElseGet(() -> Response.noContent().header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("temporary-access-pass")
    @Ceremony("signin.temporaryAccessPass")
    public Response temporaryAccessPass(InputStream body) {
        return secretSignIn(body, "temporaryAccessPass", SecretSignIns.Secret.TEMPORARY_ACCESS_PASS);
    }

    @POST
    @Path("password")
    @Ceremony("signin.password")
    public Response password(InputStream body) {
        return secretSignIn(body, "password", SecretSignIns.Secret.PASSWORD);
    }

    @POST
    @Path("signout")
    public Response signOut(@Context jakarta.ws.rs.core.HttpHeaders headers) {
        return Response.noContent().cookie(sessions.signOut(headers, uri)).build();
    }

    private Response secretSignIn(InputStream body, String field, SecretSignIns.Secret secret) {
        flood.admit(clientAddress(), secret == SecretSignIns.Secret.PASSWORD ? "password" : "temporary-access-pass");
        JsonNode json = WebJson.read(body);
        SecretSignIns.SignedIn signedIn = secretSignIns.signIn(WebJson.required(json, "userPrincipalName"), WebJson.required(json, field),
                secret, channel());
        flood.succeeded(clientAddress(), 1);
        return signedIn(signedIn.user(), secret.sessionMethod(), openSession(signedIn.user(), secret.sessionMethod(),
                switch (signedIn.method().mode()) {
                    case temporaryAccessPassOneTime -> AuthenticationProof.temporaryAccessPass(true);
                    case temporaryAccessPassMultiUse -> AuthenticationProof.temporaryAccessPass(false);
                    default -> AuthenticationProof.password();
                }));
    }

    /** Keyward's pages, or the app whose authorization request this browser parked (the sign-in log names it). */
    private SignInChannel channel() {
        return channel(parked());
    }

    private SignInChannel channel(Optional<Authorizations.Parked> parked) {
        String address = clientAddress();
        return parked.map(p -> SignInChannel.browser(p.app().appId().toString(), p.app().displayName(), address))
                .orElseGet(() -> SignInChannel.keywardPages(address));
    }

    /** The client's address: a trusted proxy's word on it, else the connection's (sign-in log, throttles, flood limit). */
    private String clientAddress() {
        return PublicOrigins.clientAddress(config, http, headers::getHeaderString);
    }

    private Optional<Authorizations.Parked> parked() {
        return PendingAuthorizationCookie.reference(headers).flatMap(authorizations::parked);
    }

    /** Opens the session cookie and remembers how it was proved (for ID tokens), in the caller's transaction if any. */
    private NewCookie openSession(DirectoryUser user, String method, AuthenticationProof proof) {
        NewCookie cookie = sessions.open(user, method, uri);
        signInSessions.start(cookie.getValue(), user.id(), proof, WebSessions.LIFETIME);
        return cookie;
    }

    /**
     * The answer to a sign-in with its session cookie; {@code next} is where the page goes: back to
     * the authorization request the browser parked, or Security info.
     */
    private Response signedIn(DirectoryUser user, String method, NewCookie cookie) {
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("userPrincipalName", user.userPrincipalName());
        body.put("displayName", user.displayName());
        body.put("method", method);
        body.put("next", PendingAuthorizationCookie.reference(headers).filter(reference -> parked().isPresent())
                .map(reference -> "/" + tenants.current().id() + "/oauth2/v2.0/authorize/continue?request=" + reference)
                .orElse("/myaccount"));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).cookie(cookie).build();
    }
}
