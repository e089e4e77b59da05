package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAttachment;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A provisioning client as real scripts are: reads Graph creationOptions, lets a webauthn4j emulator create the
 * credential with clientDataJSON origin {@code https://{rp.id}}, and POSTs the result to fido2Methods.
 */
final class Provisioning {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

    private Provisioning() {
    }

    /** webauthn4j's options from Graph's JSON (GRAPH-API.md §2.3). */
    static PublicKeyCredentialCreationOptions options(JsonNode graphOptions) {
        JsonNode pk = graphOptions.get("publicKey");
        List<PublicKeyCredentialParameters> params = new ArrayList<>();
        pk.get("pubKeyCredParams").forEach(p -> params.add(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                COSEAlgorithmIdentifier.create(p.get("alg").asLong()))));
        List<PublicKeyCredentialDescriptor> exclude = new ArrayList<>();
        pk.get("excludeCredentials").forEach(c -> exclude.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                B64.decode(c.get("id").asText()), Set.of())));
        return new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(pk.get("rp").get("id").asText(), pk.get("rp").get("name").asText()),
                new PublicKeyCredentialUserEntity(B64.decode(pk.get("user").get("id").asText()), pk.get("user").get("name").asText(),
                        pk.get("user").get("displayName").asText()),
                new DefaultChallenge(B64.decode(pk.get("challenge").asText())), params, pk.get("timeout").asLong(), exclude,
                new AuthenticatorSelectionCriteria(AuthenticatorAttachment.CROSS_PLATFORM, true, ResidentKeyRequirement.REQUIRED,
                        UserVerificationRequirement.REQUIRED),
                AttestationConveyancePreference.DIRECT, null);
    }

    static PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> create(
            WebAuthnModelAuthenticator authenticator, String origin, JsonNode graphOptions) {
        ClientPlatform client = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
        return client.create(options(graphOptions));
    }

    /** The POST body provisioning scripts send (GRAPH-API.md §2.4). */
    static String body(PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential, String displayName) {
        return body(B64E.encodeToString(credential.getRawId()), B64E.encodeToString(credential.getResponse().getClientDataJSON()),
                B64E.encodeToString(credential.getResponse().getAttestationObject()), displayName);
    }

    static String body(String id, String clientDataJSON, String attestationObject, String displayName) {
        ObjectNode root = Graph.JSON.createObjectNode();
        if (displayName != null) {
            root.put("displayName", displayName);
        }
        ObjectNode pkc = root.putObject("publicKeyCredential");
        pkc.put("id", id);
        ObjectNode response = pkc.putObject("response");
        response.put("clientDataJSON", clientDataJSON);
        response.put("attestationObject", attestationObject);
        pkc.putObject("clientExtensionResults").put("credProtect", 1).put("hmac-secret", true);
        return root.toString();
    }

    static String b64(byte[] bytes) {
        return B64E.encodeToString(bytes);
    }
}
