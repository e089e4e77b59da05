package io.keyward.server.webauthn;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.Decision;
import io.keyward.server.policy.PasskeyPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The authentication ceremony (WebAuthn L3 §7.2) for passwordless sign-in: request options, then verification of
 * the assertion, the stored passkey, the policy at sign-in (key restrictions apply at every sign-in), and the sign
 * count (a non-zero counter that does not increase is a clone signal: refused, and the passkey marked suspect).
 */
@ApplicationScoped
public class Authentications {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Inject
    RelyingParty rp;

    @Inject
    ChallengeStore challenges;

    @Inject
    PasskeyService passkeys;

    @Inject
    UserService users;

    @Inject
    PasskeyPolicies policies;

    @Inject
    AuthenticatorMetadata metadata;

    /** Options for usernameless sign-in (no user), or for a user who typed their name first. */
    public RequestOptions options(Optional<DirectoryUser> user) {
        StoredChallenge challenge = challenges.issue(ChallengeStore.AUTHENTICATION, user.map(DirectoryUser::id).orElse(null), null, TIMEOUT);
        List<CreationOptions.CredentialDescriptor> allow = user.map(u -> passkeys.list(u.id()).stream()
                .map(p -> new CreationOptions.CredentialDescriptor(p.credentialId(), p.transports())).toList()).orElse(List.of());
        return new RequestOptions(rp.id(), challenge.challenge(), TIMEOUT.toMillis(), allow, challenge.expiresAt());
    }

    /** Verifies an assertion; throws {@link PasskeySignInRefused} naming the failed check. */
    @Transactional
    public SignInResult finish(AssertionResponse response) {
        byte[] credentialId = decode(response.credentialId(), "id");
        byte[] clientDataJSON = decode(response.clientDataJSON(), "clientDataJSON");
        byte[] authenticatorData = decode(response.authenticatorData(), "authenticatorData");
        byte[] signature = decode(response.signature(), "signature");
        byte[] userHandle = response.userHandle().filter(h -> !h.isBlank()).map(h -> decode(h, "userHandle")).orElse(null);
        AuthenticationData data;
        try {
            data = WebAuthnSupport.MANAGER.parse(new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientDataJSON, null, signature));
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response cannot be decoded.", null, null);
        }
        if (data.getCollectedClientData() == null || data.getCollectedClientData().getChallenge() == null) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response has no challenge.", null, null);
        }
        byte[] challengeBytes = data.getCollectedClientData().getChallenge().getValue();
        StoredChallenge challenge;
        try {
            challenge = challenges.consume(Base64Url.encode(challengeBytes), ChallengeStore.AUTHENTICATION);
        } catch (io.keyward.server.platform.Refused e) {
            throw refused(e.reason(), e.getMessage(), null, null);
        }
        // §7.2 step 5: the credential must be one of the user's when the user was identified first.
        Passkey passkey = passkeys.findByCredentialId(Base64Url.encode(credentialId)).orElseThrow(() -> refused(ReasonCode.CREDENTIAL_NOT_FOUND,
                "This passkey is not registered with your organization (it may have been deleted).", null, null));
        DirectoryUser user = users.find(passkey.userId().toString()).orElseThrow(() -> refused(ReasonCode.CREDENTIAL_NOT_FOUND,
                "This passkey's account no longer exists.", null, passkey));
        if (challenge.userId().filter(expected -> !expected.equals(user.id())).isPresent()) {
            throw refused(ReasonCode.CREDENTIAL_NOT_FOUND, "This passkey does not belong to the account you named.", user, passkey);
        }
        // §7.2 step 6: the user handle, when present, must be the owner's; usernameless sign-in needs it.
        if (userHandle == null ? challenge.userId().isEmpty() : !Arrays.equals(userHandle, UserHandles.of(user.id()))) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The passkey's user handle does not identify its owner (§7.2 step 6).", user, passkey);
        }
        if (!user.accountEnabled()) {
            throw refused(ReasonCode.ACCOUNT_DISABLED, "Your account is disabled. Contact your administrator.", user, passkey);
        }
        AttestedCredentialData credential = WebAuthnSupport.CREDENTIAL_DATA.convert(Base64Url.decode(passkey.credentialRecord(), "credentialRecord",
                ReasonCode.GENERAL_EXCEPTION));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), true, passkey.backupEligible(),
                passkey.backupState(), passkey.signCount(), credential, null, null, null, null);
        try {
            WebAuthnSupport.MANAGER.verify(data, new AuthenticationParameters(WebAuthnSupport.serverProperty(rp, challengeBytes), record,
                    List.of(credentialId), true, true));
        } catch (MaliciousCounterValueException e) {
            passkeys.markSuspect(passkey.id(), ReasonCode.SIGN_COUNT_REGRESSION.code());
            throw refused(ReasonCode.SIGN_COUNT_REGRESSION, "This passkey's signature counter went backwards (" + data.getAuthenticatorData().getSignCount()
                    + " after " + passkey.signCount() + "), a sign that it may have been cloned. Sign-in refused; the passkey is flagged for your administrator.",
                    user, passkey);
        } catch (VerificationException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response was refused: " + WebAuthnSupport.describe(e) + ".", user, passkey);
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response is malformed.", user, passkey);
        }
        // Compromised models are blocked at sign-in too, unless keyward.metadata.block-compromised-at-sign-in is false.
        Optional<AuthenticatorModel> model = metadata.find(passkey.aaguid()).filter(AuthenticatorModel::compromised)
                .filter(m -> metadata.blocksCompromisedAtSignIn());
        if (model.isPresent()) {
            throw refused(ReasonCode.AUTHENTICATOR_COMPROMISED, "This kind of security key (" + model.get().description()
                    + ") has been reported compromised by its maker and can no longer be used. Register another passkey.", user, passkey);
        }
        Decision decision = policies.signInDecision(policies.factsFor(user),
                new AuthenticatorFacts(passkey.aaguid(), passkey.passkeyType(), AttestationTrust.NONE));
        decision.refusal().ifPresent(r -> {
            throw refused(r.reason(), r.message(), user, passkey);
        });
        passkeys.recordUse(passkey, data.getAuthenticatorData().getSignCount(), data.getAuthenticatorData().isFlagBS());
        return new SignInResult(user, passkey, decision.auditOnly());
    }

    private static byte[] decode(String value, String field) {
        try {
            return Base64Url.decode(value, field, ReasonCode.INVALID_ASSERTION_RESPONSE);
        } catch (io.keyward.server.platform.Refused e) {
            throw refused(e.reason(), e.getMessage(), null, null);
        }
    }

    private static PasskeySignInRefused refused(ReasonCode reason, String message, DirectoryUser user, Passkey passkey) {
        return new PasskeySignInRefused(reason, message, Optional.ofNullable(user), Optional.ofNullable(passkey));
    }
}
