package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.TemporaryAccessPass;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.webauthn.CreationOptions;

import java.time.Instant;

/** Graph JSON for authentication methods: fido2AuthenticationMethod, creation options, temporaryAccessPassAuthenticationMethod. */
final class AuthenticationMethodsJson {

    private AuthenticationMethodsJson() {
    }

    /**
     * A passkey as {@code #microsoft.graph.fido2AuthenticationMethod}. Keyward adds {@code lastUsedDateTime},
     * {@code registeredUserPrincipalName}, {@code isRegisteredUnderPreviousUserPrincipalName} and
     * {@code suspectReason} (docs/graph-api.md); Graph SDKs keep them in additionalData.
     */
    static ObjectNode passkey(Passkey passkey, DirectoryUser owner, AuthenticatorMetadata metadata) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.fido2AuthenticationMethod");
        node.put("id", passkey.id());
        node.put("displayName", passkey.displayName());
        node.put("createdDateTime", GraphEntities.time(passkey.createdAt()));
        node.put("aaGuid", passkey.aaguid().toString());
        node.put("model", metadata.modelName(passkey.aaguid()));
        ArrayNode certificates = node.putArray("attestationCertificates");
        passkey.attestationCertificates().forEach(certificates::add);
        node.put("attestationLevel", passkey.attestationLevel());
        node.put("passkeyType", passkey.passkeyType().name());
        node.put("lastUsedDateTime", passkey.lastUsedAt().map(GraphEntities::time).orElse(null));
        node.put("registeredUserPrincipalName", passkey.registeredUpn());
        node.put("isRegisteredUnderPreviousUserPrincipalName", passkey.registeredUnderPreviousUpn(owner.userPrincipalName()));
        node.put("suspectReason", passkey.suspectReason().orElse(null));
        return node;
    }

    /** {@code #microsoft.graph.webauthnCredentialCreationOptions}, with {@code publicKey} at the top level (GRAPH-API.md §2.3). */
    static ObjectNode creationOptions(CreationOptions options) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("@odata.type", "#microsoft.graph.webauthnCredentialCreationOptions");
        root.put("challengeTimeoutDateTime", GraphEntities.time(options.challengeExpires()));
        ObjectNode publicKey = root.putObject("publicKey");
        publicKey.put("@odata.type", "#microsoft.graph.webauthnPublicKeyCredentialCreationOptions");
        ObjectNode rp = publicKey.putObject("rp");
        rp.put("@odata.type", "#microsoft.graph.webauthnPublicKeyCredentialRpEntity");
        rp.put("id", options.rpId());
        rp.put("name", options.rpName());
        ObjectNode user = publicKey.putObject("user");
        user.put("@odata.type", "#microsoft.graph.webauthnPublicKeyCredentialUserEntity");
        user.put("id", options.userHandle());
        user.put("displayName", options.userDisplayName());
        user.put("name", options.userName());
        publicKey.put("challenge", options.challenge());
        ArrayNode params = publicKey.putArray("pubKeyCredParams");
        options.algorithms().forEach(alg -> params.addObject()
                .put("@odata.type", "#microsoft.graph.webauthnPublicKeyCredentialParameters").put("type", "public-key").put("alg", alg));
        publicKey.put("timeout", options.timeoutMillis());
        ArrayNode exclude = publicKey.putArray("excludeCredentials");
        options.excludeCredentials().forEach(c -> {
            ObjectNode descriptor = exclude.addObject();
            descriptor.put("@odata.type", "#microsoft.graph.webauthnPublicKeyCredentialDescriptor");
            descriptor.put("id", c.id());
            descriptor.put("type", "public-key");
            ArrayNode transports = descriptor.putArray("transports");
            c.transports().forEach(transports::add);
        });
        ObjectNode selection = publicKey.putObject("authenticatorSelection");
        selection.put("@odata.type", "#microsoft.graph.webauthnAuthenticatorSelectionCriteria");
        selection.put("authenticatorAttachment", "cross-platform");
        selection.put("requireResidentKey", true);
        selection.put("residentKey", "required");
        selection.put("userVerification", "required");
        publicKey.put("attestation", "direct");
        ObjectNode extensions = publicKey.putObject("extensions");
        extensions.put("@odata.type", "#microsoft.graph.webauthnAuthenticationExtensionsClientInputs");
        extensions.put("credentialProtectionPolicy", "userVerificationOptional");
        return root;
    }

    /** {@code #microsoft.graph.temporaryAccessPassAuthenticationMethod}; the pass itself only when just created. */
    static ObjectNode temporaryAccessPass(TemporaryAccessPass pass, String clearText, Instant now) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.temporaryAccessPassAuthenticationMethod");
        node.put("id", pass.id().toString());
        node.put("temporaryAccessPass", clearText);
        node.put("createdDateTime", GraphEntities.time(pass.createdAt()));
        node.put("startDateTime", GraphEntities.time(pass.startAt()));
        node.put("lifetimeInMinutes", pass.lifetimeMinutes());
        node.put("isUsableOnce", pass.usableOnce());
        node.put("isUsable", pass.isUsableAt(now));
        node.put("methodUsabilityReason", pass.isUsableAt(now) ? "EnabledByPolicy"
                : now.isBefore(pass.startAt()) ? "NotYetValid" : pass.usableOnce() && pass.usedAt().isPresent() ? "OneTimeUsed" : "Expired");
        return node;
    }
}
