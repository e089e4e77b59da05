package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.SecretSignIns;
import io.keyward.server.access.SignInChannel;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.webauthn.AssertionResponse;
import io.keyward.server.webauthn.Authentications;
import io.keyward.server.webauthn.SignInResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

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

    /** The sign-in page (also at {@code /}). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return Pages.page("signin");
    }

    /** Request options: {@code {}} for usernameless sign-in, {@code {"userPrincipalName": …}} when the person typed a name. */
    @POST
    @Path("passkey/options")
    public Response passkeyOptions(InputStream body) {
        return WebJson.ok(WebJson.requestOptions(authentications.options(WebJson.text(WebJson.read(body), "userPrincipalName"))));
    }

    /** Finishes a passkey sign-in with the browser's {@code PublicKeyCredential.toJSON()}. */
    @POST
    @Path("passkey")
    public Response passkey(InputStream body) {
        JsonNode credential = WebJson.read(body);
        JsonNode response = credential.path("response");
        SignInResult result = authentications.finish(new AssertionResponse(
                WebJson.text(credential, "id").or(() -> WebJson.text(credential, "rawId")).orElse(null),
                WebJson.text(response, "clientDataJSON").orElse(null), WebJson.text(response, "authenticatorData").orElse(null),
                WebJson.text(response, "signature").orElse(null), WebJson.text(response, "userHandle")), channel());
        return signedIn(result.user(), "passkey");
    }

    @POST
    @Path("temporary-access-pass")
    public Response temporaryAccessPass(InputStream body) {
        return secretSignIn(body, "temporaryAccessPass", SecretSignIns.Secret.TEMPORARY_ACCESS_PASS);
    }

    @POST
    @Path("password")
    public Response password(InputStream body) {
        return secretSignIn(body, "password", SecretSignIns.Secret.PASSWORD);
    }

    @POST
    @Path("signout")
    public Response signOut(@Context jakarta.ws.rs.core.HttpHeaders headers) {
        return Response.noContent().cookie(sessions.signOut(headers, uri)).build();
    }

    private Response secretSignIn(InputStream body, String field, SecretSignIns.Secret secret) {
        JsonNode json = WebJson.read(body);
        DirectoryUser user = secretSignIns.signIn(WebJson.required(json, "userPrincipalName"), WebJson.required(json, field), secret, channel());
        return signedIn(user, secret.sessionMethod());
    }

    private SignInChannel channel() {
        return SignInChannel.keywardPages(http.getRemoteAddr());
    }

    private Response signedIn(DirectoryUser user, String method) {
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("userPrincipalName", user.userPrincipalName());
        body.put("displayName", user.displayName());
        body.put("method", method);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).cookie(sessions.open(user, method, uri)).build();
    }
}
