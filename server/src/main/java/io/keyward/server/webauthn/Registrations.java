package io.keyward.server.webauthn;

import io.keyward.server.platform.AuditRecord;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.verifier.exception.VerificationException;
import tools.jackson.core.JacksonException;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.passkey.NewPasskey;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyNames;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.Decision;
import io.keyward.server.policy.PasskeyPolicies;
import io.keyward.server.policy.PasskeyType;
import io.keyward.server.policy.RegistrationChannel;
import io.keyward.server.policy.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The registration ceremony (WebAuthn L3 §7.1): creation options for a user, then verification of the
 * authenticator's response, attestation judged against metadata, the passkey policy, and storage.
 */
@ApplicationScoped
public class Registrations {

    /** Attestation formats Keyward accepts; their trust is decided by metadata (GRAPH-API.md §7.5). */
    static final Set<String> FORMATS = Set.of("packed", "tpm", "android-key", "fido-u2f", "apple", "none");

    @Inject
    RelyingParty rp;

    @Inject
    ChallengeStore challenges;

    @Inject
    PasskeyService passkeys;

    @Inject
    PasskeyPolicies policies;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    Event<PasskeyRegistrationRefused> refusals;

    @Inject
    Event<PasskeyRegistered> registered;

    /** Creation options for a user registering their own passkey (Security info); the user is the actor. */
    public CreationOptions options(DirectoryUser user, RegistrationChannel channel, Duration timeout) {
        return options(user, channel, timeout, new Actor(Actor.Kind.user, user.id().toString(), user.userPrincipalName()));
    }

    /**
     * Creation options for registering a passkey for {@code user}, after the policy allows it for this channel; a
     * refusal is raised as {@link PasskeyRegistrationRefused} for the audit log.
     */
    public CreationOptions options(DirectoryUser user, RegistrationChannel channel, Duration timeout, Actor actor) {
        try {
            return issueOptions(user, channel, timeout);
        } catch (Refused refused) {
            refusals.fire(new PasskeyRegistrationRefused(user, channel, refused.reason(), refused.getMessage(), actor, Optional.empty()));
            throw refused;
        }
    }

    private CreationOptions issueOptions(DirectoryUser user, RegistrationChannel channel, Duration timeout) {
        policies.registrationDecision(policies.factsFor(user), channel, Optional.empty()).orThrow();
        StoredChallenge challenge = challenges.issue(ChallengeStore.REGISTRATION, user.id(), channel.name(), timeout);
        List<CreationOptions.CredentialDescriptor> exclude = passkeys.list(user.id()).stream()
                .map(p -> new CreationOptions.CredentialDescriptor(p.credentialId(), p.transports())).toList();
        return new CreationOptions(rp.id(), rp.name(), Base64Url.encode(UserHandles.of(user.id())), user.userPrincipalName(),
                user.displayName() == null ? user.userPrincipalName() : user.displayName(), challenge.challenge(),
                WebAuthnSupport.ALGORITHMS.stream().map(a -> (int) a.getAlg().getValue()).toList(),
                timeout.toMillis(), exclude, challenge.expiresAt());
    }

    /**
     * Verifies the response to creation options issued for this user and channel and stores the passkey. Every
     * refusal names the failed check; nothing is stored unless every check passed.
     */
    @Transactional
    public Passkey finish(DirectoryUser user, RegistrationChannel channel, RegistrationResponse response,
                          Optional<String> displayName, Actor actor) {
        return finish(user, channel, response, displayName, actor, List.of());
    }

    /**
     * As {@link #finish(DirectoryUser, RegistrationChannel, RegistrationResponse, Optional, Actor)}, with what the
     * requester stated about the provisioning (e.g. the enrollment station: PIN set, PIN change forced) in the audit
     * entry of the registration.
     */
    @Transactional
    public Passkey finish(DirectoryUser user, RegistrationChannel channel, RegistrationResponse response,
                          Optional<String> displayName, Actor actor, List<AuditRecord.Detail> details) {
        try {
            Passkey passkey = verifyAndStore(user, channel, response, displayName, actor, details);
            registered.fire(new PasskeyRegistered(channel, passkey.aaguid()));
            return passkey;
        } catch (Refused refused) {
            refusals.fire(new PasskeyRegistrationRefused(user, channel, refused.reason(), refused.getMessage(), actor, attemptedAaguid(response)));
            throw refused;
        }
    }

    private Passkey verifyAndStore(DirectoryUser user, RegistrationChannel channel, RegistrationResponse response,
                                   Optional<String> displayName, Actor actor, List<AuditRecord.Detail> details) {
        byte[] clientDataJSON = Base64Url.decode(response.clientDataJSON(), "clientDataJSON", ReasonCode.INVALID_ATTESTATION_RESPONSE);
        byte[] attestationObject = Base64Url.decode(response.attestationObject(), "attestationObject", ReasonCode.INVALID_ATTESTATION_RESPONSE);
        Optional<String> name = displayName.map(PasskeyNames::require);
        RegistrationData data;
        try {
            data = WebAuthnSupport.MANAGER.parse(new RegistrationRequest(attestationObject, clientDataJSON,
                    response.clientExtensionResultsJson().orElse(null), new HashSet<>(response.transports())));
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            // Jackson 3 parse errors are unchecked and escape webauthn4j's parser for truncated or mistyped CBOR.
            throw new Refused(ReasonCode.INVALID_ATTESTATION_RESPONSE,
                    "The registration response cannot be decoded: clientDataJSON must be UTF-8 JSON and attestationObject CBOR.");
        }
        if (data.getCollectedClientData() == null || data.getCollectedClientData().getChallenge() == null
                || data.getAttestationObject() == null) {
            throw new Refused(ReasonCode.INVALID_ATTESTATION_RESPONSE, "The registration response lacks clientDataJSON.challenge or the attestation object.");
        }
        byte[] challengeBytes = data.getCollectedClientData().getChallenge().getValue();
        StoredChallenge challenge = challenges.consume(Base64Url.encode(challengeBytes), ChallengeStore.REGISTRATION);
        if (!challenge.userId().map(user.id()::equals).orElse(false) || !challenge.channel().map(channel.name()::equals).orElse(false)) {
            throw new Refused(ReasonCode.CHALLENGE_NOT_FOUND, "The challenge was issued for another user or channel.");
        }
        AttestationObject attestation = data.getAttestationObject();
        String format = attestation.getFormat();
        if (!FORMATS.contains(format)) {
            throw new Refused(ReasonCode.UNSUPPORTED_ATTESTATION_FORMAT, "Attestation format '" + format + "' is not supported; use "
                    + String.join(", ", FORMATS.stream().sorted().toList()) + ".");
        }
        try {
            WebAuthnSupport.MANAGER.verify(data, new RegistrationParameters(WebAuthnSupport.serverProperty(rp, challengeBytes),
                    WebAuthnSupport.ALGORITHMS, true, true));
        } catch (VerificationException e) {
            if (WebAuthnSupport.isStatementFailure(e)) {
                throw new Refused(ReasonCode.INVALID_ATTESTATION_STATEMENT, WebAuthnSupport.describeStatement(format, e));
            }
            throw new Refused(ReasonCode.INVALID_ATTESTATION_RESPONSE, "The registration response was refused: " + WebAuthnSupport.describe(e) + ".");
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw new Refused(ReasonCode.INVALID_ATTESTATION_RESPONSE, "The registration response is malformed.");
        }
        AttestedCredentialData credential = attestation.getAuthenticatorData().getAttestedCredentialData();
        String credentialId = Base64Url.encode(credential.getCredentialId());
        response.credentialId().map(id -> Base64Url.encode(Base64Url.decode(id, "id", ReasonCode.INVALID_ATTESTATION_RESPONSE)))
                .filter(id -> !id.equals(credentialId)).ifPresent(id -> {
                    throw new Refused(ReasonCode.INVALID_ATTESTATION_RESPONSE, "The credential id does not match the one in the attestation object.");
                });
        UUID aaguid = credential.getAaguid().getValue();
        List<X509Certificate> chain = attestation.getAttestationStatement() instanceof CertificateBaseAttestationStatement certified
                && certified.getX5c() != null ? List.copyOf(certified.getX5c()) : List.of();
        AttestationTrust trust = format.equals("none") ? AttestationTrust.NONE
                : chain.isEmpty() ? AttestationTrust.SELF
                : metadata.trusts(aaguid, chain) ? AttestationTrust.TRUSTED : AttestationTrust.UNTRUSTED;
        Optional<AuthenticatorModel> model = metadata.find(aaguid);
        if (model.filter(AuthenticatorModel::compromised).isPresent()) {
            throw new Refused(ReasonCode.AUTHENTICATOR_COMPROMISED, "This kind of security key (" + model.get().description()
                    + ") has been reported compromised by its maker and cannot be registered. Status: " + model.get().statusReports() + ".");
        }
        boolean backupEligible = attestation.getAuthenticatorData().isFlagBE();
        UserFacts facts = policies.factsFor(user);
        Decision decision = policies.registrationDecision(facts, channel,
                Optional.of(new AuthenticatorFacts(aaguid, PasskeyType.fromBackupEligible(backupEligible), trust)));
        decision.orThrow();
        decision.auditOnly().ifPresent(would -> audit.fire(AuditRecord.of("Policy",
                        "Passkey registration would be refused (audit-only key restriction)", actor)
                .target("User", user.id(), user.userPrincipalName())
                .change("reason", null, would.reason().code())
                .change("aaGuid", null, aaguid.toString())
                .build()));
        String modelName = metadata.modelName(aaguid);
        NewPasskey passkey = NewPasskey.builder(user.id(), user.userPrincipalName(), credentialId,
                        Base64Url.encode(WebAuthnSupport.CREDENTIAL_DATA.convert(credential)))
                .authenticator(aaguid, name.orElse(PasskeyNames.defaultFor(modelName)), attestation.getAuthenticatorData().getSignCount(),
                        response.transports())
                .attestation(format, trust == AttestationTrust.TRUSTED, chain.stream().map(Registrations::sha1Thumbprint).toList())
                .backup(backupEligible, attestation.getAuthenticatorData().isFlagBS())
                .build();
        return passkeys.register(passkey, user, actor, details);
    }

    /** The AAGUID the response claims, when it can be read at all (for the audit of a refusal). */
    private static Optional<UUID> attemptedAaguid(RegistrationResponse response) {
        try {
            byte[] attestationObject = Base64Url.decode(response.attestationObject(), "attestationObject", ReasonCode.INVALID_ATTESTATION_RESPONSE);
            AttestationObject object = WebAuthnSupport.CONVERTER.getCborConverter().readValue(attestationObject, AttestationObject.class);
            return Optional.ofNullable(object).map(AttestationObject::getAuthenticatorData)
                    .map(data -> data.getAttestedCredentialData()).map(data -> data.getAaguid().getValue());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Lowercase hex SHA-1 of the DER certificate (GRAPH-API.md §8 attestationCertificates). */
    static String sha1Thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint an attestation certificate", e);
        }
    }
}
