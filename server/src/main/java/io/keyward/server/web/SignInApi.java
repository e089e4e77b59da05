package io.keyward.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.TemporaryAccessPasses;
import io.keyward.server.audit.SignInLog;
import io.keyward.server.audit.SignInRecord;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.SecretHasher;
import io.keyward.server.webauthn.AssertionResponse;
import io.keyward.server.webauthn.Authentications;
import io.keyward.server.webauthn.PasskeySignInRefused;
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
import java.util.Optional;

/**
 * The sign-in API behind the sign-in page: passkey (usernameless or UPN first), Temporary Access Pass, and
 * password for accounts that have one. Every attempt, allowed or refused, goes to the sign-in log with its reason.
 */
@RequestScoped
@Path("signin")
@Produces(MediaType.APPLICATION_JSON)
public class SignInApi {

    static final String CLIENT_APP = "Browser";
    static final java.util.List<String> SECRET_METHODS = java.util.List.of("Temporary Access Pass", "Password");

    @Inject
    Authentications authentications;

    @Inject
    UserService users;

    @Inject
    TemporaryAccessPasses accessPasses;

    @Inject
    SignInLog log;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    BrowserSessions sessions;

    @Inject
    io.keyward.server.platform.KeywardConfig config;

    @Inject
    java.time.Clock clock;

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

    /** Request options: {@code {}} for usernameless sign-in, {@code {"userPrincipalName": …}} when the user named themselves. */
    @POST
    @Path("passkey/options")
    public Response passkeyOptions(InputStream body) {
        try {
            Optional<String> upn = WebJson.text(WebJson.read(body), "userPrincipalName").filter(s -> !s.isBlank());
            // An unknown name gets options without credentials, so that the answer does not reveal who has an account.
            Optional<DirectoryUser> user = upn.flatMap(users::findByUpn);
            return WebJson.ok(WebJson.requestOptions(authentications.options(user)));
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    /** Finishes a passkey sign-in with the browser's {@code PublicKeyCredential.toJSON()}. */
    @POST
    @Path("passkey")
    public Response passkey(InputStream body) {
        JsonNode credential;
        try {
            credential = WebJson.read(body);
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
        JsonNode response = credential.path("response");
        try {
            SignInResult result = authentications.finish(new AssertionResponse(
                    WebJson.text(credential, "id").or(() -> WebJson.text(credential, "rawId")).orElse(null),
                    WebJson.text(response, "clientDataJSON").orElse(null), WebJson.text(response, "authenticatorData").orElse(null),
                    WebJson.text(response, "signature").orElse(null), WebJson.text(response, "userHandle")));
            log.record(record(Optional.of(result.user()), "Passkey", Optional.of(result.passkey().displayName()), Optional.empty(),
                    Optional.of(result.passkey().aaguid()), Optional.of(result.passkey().credentialId()),
                    result.auditOnly().map(r -> r.reason().code())));
            return signedIn(result.user(), "passkey");
        } catch (PasskeySignInRefused refused) {
            log.record(record(refused.user(), "Passkey", refused.passkey().map(p -> p.displayName()),
                    Optional.of(new SignInRecord.Failure(refused.reason(), refused.getMessage())),
                    refused.passkey().map(p -> p.aaguid()), refused.passkey().map(p -> p.credentialId())
                            .or(() -> WebJson.text(credential, "id")), Optional.empty()));
            return WebJson.error(refused);
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    @POST
    @Path("temporary-access-pass")
    public Response temporaryAccessPass(InputStream body) {
        return secretSignIn(body, "temporaryAccessPass", "Temporary Access Pass",
                (user, secret) -> accessPasses.redeem(user.id(), secret), "temporaryAccessPass");
    }

    @POST
    @Path("password")
    public Response password(InputStream body) {
        return secretSignIn(body, "password", "Password",
                (user, secret) -> user.passwordHash().map(hash -> SecretHasher.matchesPassword(secret, hash)).orElse(false), "password");
    }

    @POST
    @Path("signout")
    public Response signOut(@Context jakarta.ws.rs.core.HttpHeaders headers) {
        return Response.noContent().cookie(sessions.signOut(headers, uri)).build();
    }

    private Response secretSignIn(InputStream body, String field, String method,
                                  java.util.function.BiPredicate<DirectoryUser, String> check, String sessionMethod) {
        try {
            JsonNode json = WebJson.read(body);
            String upn = WebJson.required(json, "userPrincipalName");
            String secret = WebJson.required(json, field);
            Optional<DirectoryUser> user = users.findByUpn(upn);
            // Guessing: after keyward.signin.max-failures failures within the window, secrets are not even checked.
            if (user.isPresent() && log.failuresSince(user.get().id(), SECRET_METHODS, clock.instant().minus(config.secretFailureWindow()))
                    >= config.maxSecretFailures()) {
                Refused throttled = new Refused(ReasonCode.TOO_MANY_REQUESTS, "Too many failed attempts for this account. Wait "
                        + config.secretFailureWindow().toMinutes() + " minutes, or sign in with a passkey.");
                log.record(record(user, method, Optional.empty(), Optional.of(new SignInRecord.Failure(throttled.reason(), throttled.getMessage())),
                        Optional.empty(), Optional.empty(), Optional.empty()));
                return Response.fromResponse(WebJson.error(throttled)).header("Retry-After", config.secretFailureWindow().toSeconds()).build();
            }
            Refused wrong = new Refused(ReasonCode.UNAUTHENTICATED, "That account name and " + method.toLowerCase() + " do not match.");
            if (user.isEmpty() || !check.test(user.get(), secret)) {
                log.record(record(user, method, Optional.empty(), Optional.of(new SignInRecord.Failure(wrong.reason(), wrong.getMessage())),
                        Optional.empty(), Optional.empty(), Optional.empty()));
                return WebJson.error(wrong);
            }
            if (!user.get().accountEnabled()) {
                Refused disabled = new Refused(ReasonCode.ACCOUNT_DISABLED, "Your account is disabled. Contact your administrator.");
                log.record(record(user, method, Optional.empty(), Optional.of(new SignInRecord.Failure(disabled.reason(), disabled.getMessage())),
                        Optional.empty(), Optional.empty(), Optional.empty()));
                return WebJson.error(disabled);
            }
            log.record(record(user, method, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            return signedIn(user.get(), sessionMethod);
        } catch (Refused refused) {
            return WebJson.error(refused);
        }
    }

    private Response signedIn(DirectoryUser user, String method) {
        ObjectNode body = WebJson.MAPPER.createObjectNode();
        body.put("userPrincipalName", user.userPrincipalName());
        body.put("displayName", user.displayName());
        body.put("method", method);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).cookie(sessions.open(user, method, uri)).build();
    }

    private SignInRecord record(Optional<DirectoryUser> user, String method, Optional<String> detail, Optional<SignInRecord.Failure> failure,
                                Optional<java.util.UUID> aaguid, Optional<String> credentialId, Optional<String> auditOnly) {
        return new SignInRecord(user.map(DirectoryUser::id), user.map(DirectoryUser::userPrincipalName), user.map(DirectoryUser::displayName),
                SignInRecord.KEYWARD_APP_ID, SignInRecord.KEYWARD_APP_NAME, Optional.ofNullable(http.getRemoteAddr()), CLIENT_APP,
                method, detail.or(() -> aaguid.map(metadata::modelName)), failure, aaguid, credentialId, auditOnly);
    }
}
