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
import io.keyward.server.access.ConditionalAccess;
import io.keyward.server.access.ConditionalAccessRefused;
import io.keyward.server.access.SignInAttempted;
import io.keyward.server.access.SignInMethod;
import io.keyward.server.access.SignInChannel;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.AttestationTrust;
import io.keyward.server.policy.AuthenticatorFacts;
import io.keyward.server.policy.Decision;
import io.keyward.server.policy.PasskeyPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The authentication ceremony (WebAuthn L3 §7.2) for passwordless sign-in: request options, then verification of
 * the assertion, the stored passkey, the policy at sign-in (key restrictions apply at every sign-in), and the sign
 * count (a non-zero counter that does not increase is a clone signal: refused, and the passkey marked suspect).
 */
@ApplicationScoped
public class Authentications {

    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** WebAuthn L3 §5.8.3: a credential id is at most 1,023 bytes. */
    static final int MAX_CREDENTIAL_ID_BYTES = 1023;
    static final String METHOD = "Passkey";

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

    @Inject
    Event<SignInAttempted> attempts;

    @Inject
    ConditionalAccess conditionalAccess;

    /** This bean through its proxy, so that {@link #verifyAndRecord} runs in a transaction. */
    @Inject
    Authentications self;

    /**
     * Options for usernameless sign-in ({@code typedName} empty), or for a person who typed their name first. The
     * typed name is bound to the challenge: only a passkey of that account can finish it, so typing one name and
     * using another person's passkey fails. A name that matches no account is bound to no one, and the answer is
     * the same either way: options never list credentials (every Keyward passkey is discoverable), so they do not
     * reveal who has an account or how many passkeys.
     */
    public RequestOptions options(Optional<String> typedName) {
        UUID boundTo = typedName.filter(name -> !name.isBlank())
                .map(name -> users.findBySignInName(name).map(DirectoryUser::id).orElseGet(UUID::randomUUID))
                .orElse(null);
        StoredChallenge challenge = challenges.issue(ChallengeStore.AUTHENTICATION, boundTo, null, TIMEOUT);
        return new RequestOptions(rp.id(), challenge.challenge(), TIMEOUT.toMillis(), List.of(), challenge.expiresAt());
    }

    /**
     * Verifies an assertion received over {@code channel}; raises a {@link SignInAttempted} for the outcome, and
     * throws {@link PasskeySignInRefused} naming the failed check. Order: the challenge is used up first, then the
     * WebAuthn checks and the signature (§7.2), and only then the account's state, the model and the policy, so
     * that nothing about an account is told to someone who cannot sign for its passkey.
     */
    public SignInResult finish(AssertionResponse response, SignInChannel channel) {
        return finish(response, channel, result -> result);
    }

    /**
     * As {@link #finish(AssertionResponse, SignInChannel)}, and {@code then} runs inside the sign-in's transaction once
     * it has succeeded (the sign-in page opens its session there: one commit per sign-in, and a session exists exactly
     * when the sign-in took effect). If {@code then} fails, the whole sign-in rolls back: no used mark, no new sign count,
     * no log row, no session; the challenge is then still unused, so at most one sign-in can ever succeed with it.
     */
    public <T> T finish(AssertionResponse response, SignInChannel channel, Function<SignInResult, T> then) {
        SignInAttempted.Builder attempt = SignInAttempted.of(channel, METHOD);
        try {
            Assertion assertion = parse(response, attempt);
            try {
                return self.verifyAndRecord(assertion, attempt, channel, then);
            } catch (PasskeySignInRefused | ConditionalAccessRefused refused) {
                // The refused ceremony rolled back, the challenge's used mark with it: a failed response burns it all the same.
                challenges.burn(assertion.challenge());
                throw refused;
            }
        } catch (PasskeySignInRefused refused) {
            attempts.fire(attempt.refused(refused.reason(), refused.getMessage()));
            throw refused;
        }
    }

    /**
     * Everything that reads or writes the database, in one transaction (one commit per sign-in): the challenge's
     * used mark, the passkey and its account, the policy, the new sign count and, for a success, the sign-in log row.
     */
    @Transactional
    public <T> T verifyAndRecord(Assertion assertion, SignInAttempted.Builder attempt, SignInChannel channel,
                                 Function<SignInResult, T> then) {
        SignInResult result = verify(assertion, attempt);
        // Conditional access for the app signed into: judged on this passkey; a refusal is logged there (its own
        // transaction) and rolls this one back, after which the caller burns the challenge.
        conditionalAccess.enforce(attempt, result.user(), channel, SignInMethod.passkey(result.passkey().aaguid()));
        attempts.fire(attempt.auditOnlyReason(result.auditOnly().map(r -> r.reason().code())).succeeded());
        return then.apply(result);
    }

    /**
     * A decoded assertion and the challenge its client data names (base64url), before any database check. Public:
     * Weld intercepts (here: starts the transaction of) only methods whose parameter types its proxy can see.
     */
    public record Assertion(byte[] credentialId, byte[] userHandle, AuthenticationData data, byte[] challengeBytes, String challenge) {
    }

    private Assertion parse(AssertionResponse response, SignInAttempted.Builder attempt) {
        byte[] credentialId = decode(response.credentialId(), "id");
        attempt.credential(null, response.credentialId());
        if (credentialId.length > MAX_CREDENTIAL_ID_BYTES) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The credential id is longer than "
                    + MAX_CREDENTIAL_ID_BYTES + " bytes (WebAuthn L3 §5.8.3).");
        }
        byte[] clientDataJSON = decode(response.clientDataJSON(), "clientDataJSON");
        byte[] authenticatorData = decode(response.authenticatorData(), "authenticatorData");
        byte[] signature = decode(response.signature(), "signature");
        byte[] userHandle = response.userHandle().filter(h -> !h.isBlank()).map(h -> decode(h, "userHandle")).orElse(null);
        AuthenticationData data;
        try {
            data = WebAuthnSupport.MANAGER.parse(new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientDataJSON, null, signature));
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response cannot be decoded.");
        }
        if (data.getCollectedClientData() == null || data.getCollectedClientData().getChallenge() == null) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response has no challenge.");
        }
        byte[] challengeBytes = data.getCollectedClientData().getChallenge().getValue();
        return new Assertion(credentialId, userHandle, data, challengeBytes, Base64Url.encode(challengeBytes));
    }

    private SignInResult verify(Assertion assertion, SignInAttempted.Builder attempt) {
        byte[] credentialId = assertion.credentialId();
        byte[] userHandle = assertion.userHandle();
        AuthenticationData data = assertion.data();
        byte[] challengeBytes = assertion.challengeBytes();
        StoredChallenge challenge;
        try {
            challenge = challenges.consume(assertion.challenge(), ChallengeStore.AUTHENTICATION);
        } catch (Refused e) {
            throw refused(e.reason(), e.getMessage());
        }
        Passkey passkey = passkeys.findByCredentialId(Base64Url.encode(credentialId)).orElseThrow(() -> refused(ReasonCode.CREDENTIAL_NOT_FOUND,
                "This passkey is not registered with your organization (it may have been deleted)."));
        attempt.credential(passkey.aaguid(), passkey.credentialId()).methodDetail(passkey.displayName());
        DirectoryUser user = users.find(passkey.userId().toString()).orElseThrow(() -> refused(ReasonCode.CREDENTIAL_NOT_FOUND,
                "This passkey's account no longer exists."));
        // The log (for administrators) names the account the passkey belongs to from here on; the answer to the
        // client says nothing about the account until the signature has verified.
        attempt.user(user);
        // §7.2 step 5: when a name was typed first, the passkey must be that account's (an unknown name is bound to no one).
        if (challenge.userId().filter(expected -> !expected.equals(user.id())).isPresent()) {
            throw refused(ReasonCode.CREDENTIAL_NOT_FOUND, "This passkey does not belong to the account you named.");
        }
        // §7.2 step 6: the user handle, when present, must be the owner's; usernameless sign-in needs it.
        if (userHandle == null ? challenge.userId().isEmpty() : !Arrays.equals(userHandle, UserHandles.of(user.id()))) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The passkey's user handle does not identify its owner (§7.2 step 6).");
        }
        AttestedCredentialData credential = StoredCredentials.decode(passkey.credentialRecord());
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), true, passkey.backupEligible(),
                passkey.backupState(), passkey.signCount(), credential, null, null, null, null);
        try {
            WebAuthnSupport.MANAGER.verify(data, new AuthenticationParameters(WebAuthnSupport.serverProperty(rp, challengeBytes), record,
                    List.of(credentialId), true, true));
        } catch (MaliciousCounterValueException e) {
            passkeys.markSuspect(passkey.id(), ReasonCode.SIGN_COUNT_REGRESSION.code());
            throw refused(ReasonCode.SIGN_COUNT_REGRESSION, "This passkey's signature counter went backwards (" + data.getAuthenticatorData().getSignCount()
                    + " after " + passkey.signCount() + "), a sign that it may have been cloned. Sign-in refused; the passkey is flagged for your administrator.");
        } catch (VerificationException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response was refused: " + WebAuthnSupport.describe(e) + ".");
        } catch (DataConversionException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw refused(ReasonCode.INVALID_ASSERTION_RESPONSE, "The sign-in response is malformed.");
        }
        // The signature is the owner's: only now may the answer tell about the account.
        if (!user.accountEnabled()) {
            throw refused(ReasonCode.ACCOUNT_DISABLED, "Your account is disabled. Contact your administrator.");
        }
        // A passkey flagged as a possible clone stays refused, even once its counter moves ahead, until an admin clears the flag.
        if (passkey.suspectReason().filter(ReasonCode.SIGN_COUNT_REGRESSION.code()::equals).isPresent()) {
            throw refused(ReasonCode.PASSKEY_FLAGGED_AS_CLONE, "This passkey was flagged because it may have been copied, and cannot be used "
                    + "until your administrator has checked it. Use another passkey or ask your administrator.");
        }
        // Compromised models are blocked at sign-in too, unless keyward.metadata.block-compromised-at-sign-in is false.
        Optional<AuthenticatorModel> model = metadata.find(passkey.aaguid()).filter(AuthenticatorModel::compromised)
                .filter(m -> metadata.blocksCompromisedAtSignIn());
        if (model.isPresent()) {
            throw refused(ReasonCode.AUTHENTICATOR_COMPROMISED, "This kind of security key (" + model.get().description()
                    + ") has been reported compromised by its maker and can no longer be used. Register another passkey.");
        }
        Decision decision = policies.signInDecision(user, new AuthenticatorFacts(passkey.aaguid(), passkey.passkeyType(), AttestationTrust.NONE));
        decision.refusal().ifPresent(r -> {
            throw refused(r.reason(), r.message());
        });
        passkeys.recordUse(passkey, data.getAuthenticatorData().getSignCount(), data.getAuthenticatorData().isFlagBS());
        return new SignInResult(user, passkey, decision.auditOnly());
    }

    private static byte[] decode(String value, String field) {
        try {
            return Base64Url.decode(value, field, ReasonCode.INVALID_ASSERTION_RESPONSE);
        } catch (Refused e) {
            throw refused(e.reason(), e.getMessage());
        }
    }

    private static PasskeySignInRefused refused(ReasonCode reason, String message) {
        return new PasskeySignInRefused(reason, message);
    }
}
