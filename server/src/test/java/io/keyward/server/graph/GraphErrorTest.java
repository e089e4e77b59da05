package io.keyward.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.server.platform.ReasonCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The error envelope Kiota SDKs parse into ODataError (GRAPH-API.md §0, §8): its shape must be exact. */
class GraphErrorTest {

    @Test
    void envelopeHasExactlyErrorWithCodeMessageAndInnerError() throws Exception {
        GraphRequest request = new GraphRequest();

        JsonNode root = body(GraphError.response(ReasonCode.NOT_FOUND, "Resource 'x' does not exist.", request));

        assertThat(root.properties()).extracting(e -> e.getKey()).containsExactly("error");
        JsonNode error = root.get("error");
        assertThat(error.properties()).extracting(e -> e.getKey()).containsExactly("code", "message", "innerError");
        assertThat(error.get("code").textValue()).isEqualTo("Request_ResourceNotFound");
        assertThat(error.get("message").textValue()).isEqualTo("Resource 'x' does not exist.");
    }

    @Test
    void innerErrorCarriesDateAndRequestIdOnlyWhenNoClientRequestIdWasSent() throws Exception {
        GraphRequest request = new GraphRequest();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        JsonNode inner = body(GraphError.response(ReasonCode.INVALID_REQUEST, "Bad.", request)).get("error").get("innerError");

        assertThat(inner.properties()).extracting(e -> e.getKey()).containsExactly("date", "request-id");
        assertThat(inner.get("request-id").textValue()).isEqualTo(request.requestId());
        assertThat(Instant.parse(inner.get("date").textValue()))
                .isBetween(before, Instant.now())
                .isEqualTo(Instant.parse(inner.get("date").textValue()).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void innerErrorEchoesTheClientRequestId() throws Exception {
        GraphRequest request = new GraphRequest();
        request.setClientRequestId("7d1c0c8e-client");

        JsonNode inner = body(GraphError.response(ReasonCode.INVALID_REQUEST, "Bad.", request)).get("error").get("innerError");

        assertThat(inner.properties()).extracting(e -> e.getKey()).containsExactly("date", "request-id", "client-request-id");
        assertThat(inner.get("client-request-id").textValue()).isEqualTo("7d1c0c8e-client");
    }

    @Test
    void messageIsWrittenVerbatimEvenWithQuotesAndControlCharacters() throws Exception {
        String message = "Property 'x' \"quoted\"\nnext line";

        JsonNode error = body(GraphError.response(ReasonCode.INVALID_REQUEST, message, new GraphRequest())).get("error");

        assertThat(error.get("message").textValue()).isEqualTo(message);
    }

    @Test
    void responseIsJson() {
        Response response = GraphError.response(ReasonCode.INVALID_REQUEST, "Bad.", new GraphRequest());

        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
    }

    @ParameterizedTest(name = "{0} is {1} with code {2}")
    @CsvSource({
            "UNAUTHENTICATED, 401, unauthenticated",
            "ACCESS_DENIED, 403, Authorization_RequestDenied",
            "NOT_FOUND, 404, Request_ResourceNotFound",
            "INVALID_REQUEST, 400, invalidRequest",
            "NAME_ALREADY_EXISTS, 409, nameAlreadyExists",
            "NON_SECURITY_GROUP_TARGET, 400, nonSecurityGroupTarget",
            "RESOURCE_MODIFIED, 412, resourceModified",
            "PAYLOAD_TOO_LARGE, 413, requestTooLarge",
            "UNSUPPORTED_MEDIA_TYPE, 415, unsupportedMediaType",
            "METHOD_NOT_ALLOWED, 405, methodNotAllowed",
            "NOT_SUPPORTED, 501, notSupported",
            "GENERAL_EXCEPTION, 500, generalException",
            "PASSKEY_METHOD_DISABLED, 403, passkeyMethodDisabled",
            "USER_NOT_IN_PASSKEY_POLICY_SCOPE, 403, userNotInPasskeyPolicyScope",
            "SELF_SERVICE_REGISTRATION_DISABLED, 403, selfServiceRegistrationDisabled",
            "GUEST_USER_NOT_SUPPORTED, 403, guestUserNotSupported",
            "ACCOUNT_DISABLED, 403, accountDisabled",
            "PASSKEY_TYPE_NOT_ALLOWED, 403, passkeyTypeNotAllowed",
            "CHALLENGE_NOT_FOUND, 400, challengeNotFound",
            "CHALLENGE_EXPIRED, 400, challengeExpired",
            "INVALID_ATTESTATION_RESPONSE, 400, invalidAttestationResponse",
            "INVALID_ATTESTATION_STATEMENT, 400, invalidAttestationStatement",
            "INVALID_ASSERTION_RESPONSE, 400, invalidAssertionResponse",
            "UNSUPPORTED_ATTESTATION_FORMAT, 400, unsupportedAttestationFormat",
            "ATTESTATION_REQUIRED, 400, attestationRequired",
            "ATTESTATION_NOT_TRUSTED, 400, attestationNotTrusted",
            "AAGUID_NOT_ALLOWED, 403, aaguidNotAllowed",
            "AUTHENTICATOR_COMPROMISED, 403, authenticatorCompromised",
            "CREDENTIAL_ALREADY_REGISTERED, 409, credentialAlreadyRegistered",
            "CREDENTIAL_NOT_FOUND, 404, credentialNotFound",
            "SIGN_COUNT_REGRESSION, 400, signCountRegression",
            "PASSKEY_FLAGGED_AS_CLONE, 403, passkeyFlaggedAsPossibleClone",
            "CROSS_SITE_REQUEST, 403, crossSiteRequestRefused",
            "TOO_MANY_REQUESTS, 429, tooManyRequests",
            "PRIVILEGED_USER_PROTECTED, 403, Authorization_RequestDenied",
            "NOT_ACCEPTABLE, 406, notAcceptable",
            "TOKEN_ISSUER_INVALID, 401, invalidTokenIssuer",
            "TOKEN_ALGORITHM_INVALID, 401, invalidTokenAlgorithm",
            "STRONG_SIGN_IN_REQUIRED, 403, strongSignInRequired",
            "INVALID_CLIENT, 401, invalidClient",
            "REDIRECT_URI_MISMATCH, 400, redirectUriMismatch",
            "PKCE_FAILED, 400, pkceFailed",
            "AUTHORIZATION_CODE_INVALID, 400, authorizationCodeInvalid",
            "AUTHORIZATION_CODE_REPLAYED, 400, authorizationCodeReplayed",
            "REFRESH_TOKEN_INVALID, 400, refreshTokenInvalid",
            "REFRESH_TOKEN_REUSED, 400, refreshTokenReused",
            "LOGIN_REQUIRED, 400, loginRequired",
            "INVALID_SCOPE, 400, invalidScope",
            "FAILED_DEPENDENCY, 424, failedDependency",
            "AUTHENTICATION_STRENGTH_NOT_MET, 403, authenticationStrengthNotMet",
            "BLOCKED_BY_CONDITIONAL_ACCESS, 403, blockedByConditionalAccess",
            "BUILT_IN_STRENGTH_READ_ONLY, 400, builtInAuthenticationStrengthReadOnly",
            "AUTHENTICATION_STRENGTH_IN_USE, 409, authenticationStrengthInUse",
            "PASSKEY_PROFILE_IN_USE, 409, passkeyProfileInUse",
            "SERVICE_UNAVAILABLE, 503, serviceUnavailable"})
    void reasonCodeMapsToItsStatusAndWireCode(ReasonCode reason, int status, String code) throws Exception {
        Response response = GraphError.response(reason, "Refused.", new GraphRequest());

        assertThat(GraphError.status(reason)).isEqualTo(status);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(body(response).get("error").get("code").textValue()).isEqualTo(code);
    }

    @Test
    void statusMappingTableAboveCoversEveryReasonCode() throws Exception {
        // Keeps the parameterized table honest when a ReasonCode is added.
        CsvSource table = GraphErrorTest.class
                .getDeclaredMethod("reasonCodeMapsToItsStatusAndWireCode", ReasonCode.class, int.class, String.class)
                .getAnnotation(CsvSource.class);

        assertThat(Arrays.stream(table.value()).map(row -> ReasonCode.valueOf(row.split(",")[0].trim())))
                .containsExactlyInAnyOrder(ReasonCode.values());
    }

    @Test
    void aReasonGraphAnswersWithABroaderCodeIsNamedInDetails() throws Exception {
        JsonNode error = body(GraphError.response(ReasonCode.PRIVILEGED_USER_PROTECTED, "Only a Global Administrator can.",
                new GraphRequest())).get("error");

        assertThat(error.get("code").textValue()).isEqualTo("Authorization_RequestDenied");
        assertThat(error.get("details")).hasSize(1);
        assertThat(error.get("details").get(0).get("code").textValue()).isEqualTo("privilegedUserProtected");
        assertThat(error.get("details").get(0).get("message").textValue()).isEqualTo("Only a Global Administrator can.");
    }

    @Test
    void unauthenticatedResponseCarriesABearerChallenge() {
        Response response = GraphError.response(ReasonCode.UNAUTHENTICATED, "Access token is empty.", new GraphRequest());

        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"keyward\", error=\"invalid_token\"");
    }

    @Test
    void explicit401CarriesABearerChallenge() {
        Response response = GraphError.response(401, "InvalidAuthenticationToken", "Expired.", new GraphRequest());

        assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer ");
    }

    @Test
    void forbiddenResponseHasNoChallenge() {
        Response response = GraphError.response(ReasonCode.ACCESS_DENIED, "Insufficient privileges.", new GraphRequest());

        assertThat(response.getHeaderString("WWW-Authenticate")).isNull();
    }

    @Test
    void explicitStatusAndCodeAreUsedAsGiven() throws Exception {
        Response response = GraphError.response(406, "notAcceptable", "No acceptable type.", new GraphRequest());

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(body(response).get("error").get("code").textValue()).isEqualTo("notAcceptable");
    }

    private static JsonNode body(Response response) throws Exception {
        assertThat(response.getEntity()).isInstanceOf(String.class);
        return GraphJson.MAPPER.readTree((String) response.getEntity());
    }
}
