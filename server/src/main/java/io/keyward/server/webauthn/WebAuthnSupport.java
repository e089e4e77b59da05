package io.keyward.server.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.KeyDescriptionValidationException;
import com.webauthn4j.verifier.exception.PublicKeyMismatchException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CredentialIdTooLongException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.IllegalBackupStateException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The webauthn4j pieces both ceremonies use, and the readable names of its verification failures. */
final class WebAuthnSupport {

    static final ObjectConverter CONVERTER = new ObjectConverter();
    /**
     * Every statement format Keyward accepts is verified by its real verifier (signature, certificate requirements,
     * AAGUID extension, nonce: WebAuthn L3 §8), never webauthn4j's "non-strict" null verifiers, which check nothing.
     * Whether a verified chain is trusted is Keyward's metadata decision (policy and {@code AuthenticatorMetadata}),
     * so the certificate-path step only passes the chain on, and self attestation passes here to be judged by the
     * policy (refused when attestation is enforced).
     */
    static final WebAuthnManager MANAGER = new WebAuthnManager(
            List.of(new PackedAttestationStatementVerifier(), new TPMAttestationStatementVerifier(),
                    new AndroidKeyAttestationStatementVerifier(), new FIDOU2FAttestationStatementVerifier(),
                    new AppleAnonymousAttestationStatementVerifier(), new NoneAttestationStatementVerifier()),
            new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier(true), CONVERTER);
    static final AttestedCredentialDataConverter CREDENTIAL_DATA = new AttestedCredentialDataConverter(CONVERTER);
    /** ES256, EdDSA and RS256, in the order offered in creation options. */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private WebAuthnSupport() {
    }

    static ServerProperty serverProperty(RelyingParty rp, byte[] challenge) {
        Set<Origin> origins = rp.origins().stream().map(Origin::new).collect(Collectors.toSet());
        return new ServerProperty(origins, rp.id(), new DefaultChallenge(challenge));
    }

    /** Which check of WebAuthn L3 §7.1/§7.2 each webauthn4j failure stands for, in words. */
    private static final Map<Class<? extends VerificationException>, String> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put(InconsistentClientDataTypeException.class, "clientDataJSON.type is not the one this ceremony expects (§7.1 step 7 / §7.2 step 11)");
        CHECKS.put(BadChallengeException.class, "clientDataJSON.challenge does not match the challenge issued (§7.1 step 8 / §7.2 step 12)");
        CHECKS.put(BadOriginException.class, "clientDataJSON.origin is not an origin of this relying party (§7.1 step 9 / §7.2 step 13)");
        CHECKS.put(CrossOriginException.class, "the ceremony ran in a cross-origin iframe, which is not allowed (§7.1 step 10 / §7.2 step 14)");
        CHECKS.put(BadRpIdException.class, "the authenticator data's rpIdHash is not the hash of this relying party's id (§7.1 step 13 / §7.2 step 15)");
        CHECKS.put(UserNotPresentException.class, "the authenticator did not confirm user presence (UP flag; §7.1 step 14 / §7.2 step 16)");
        CHECKS.put(UserNotVerifiedException.class, "the authenticator did not verify the user (UV flag), which Keyward requires (§7.1 step 15 / §7.2 step 17)");
        CHECKS.put(IllegalBackupStateException.class, "backup state is set while backup eligibility is not (BE/BS flags; §7.1 step 16 / §7.2 step 18)");
        CHECKS.put(BadBackupEligibleFlagException.class, "the credential's backup eligibility changed since registration (BE flag; §7.2 step 19)");
        CHECKS.put(NotAllowedAlgorithmException.class, "the credential's public key algorithm is not one Keyward offered (§7.1 step 20)");
        CHECKS.put(CredentialIdTooLongException.class, "the credential id is longer than 1023 bytes (§7.1 step 24)");
        CHECKS.put(BadSignatureException.class, "the assertion signature does not verify with the stored public key (§7.2 step 21)");
    }

    /** The failures of the attestation statement step (§7.1 step 21, the format's verification procedure in §8). */
    private static final Map<Class<? extends VerificationException>, String> STATEMENT_CHECKS = new LinkedHashMap<>();

    static {
        STATEMENT_CHECKS.put(BadSignatureException.class, "its signature does not verify with the attestation certificate's key"
                + " (or, for self attestation, with the new credential's own key)");
        STATEMENT_CHECKS.put(BadAaguidException.class, "the AAGUID in the attestation certificate is not the authenticator's");
        STATEMENT_CHECKS.put(PublicKeyMismatchException.class, "the certificate's public key is not the new credential's");
        STATEMENT_CHECKS.put(BadAlgorithmException.class, "its algorithm is not the one of the key that signed it");
        STATEMENT_CHECKS.put(CertificateException.class, "the attestation certificate does not meet the format's requirements");
        STATEMENT_CHECKS.put(KeyDescriptionValidationException.class, "the Android key description does not match this registration");
        STATEMENT_CHECKS.put(BadAttestationStatementException.class, "it is invalid");
    }

    /** Whether a registration failure is one of the attestation statement's own checks. */
    static boolean isStatementFailure(VerificationException e) {
        return STATEMENT_CHECKS.keySet().stream().anyMatch(check -> check.isInstance(e));
    }

    /** Why the statement of {@code format} does not verify, in words, with the spec section. */
    static String describeStatement(String format, VerificationException e) {
        String why = STATEMENT_CHECKS.entrySet().stream().filter(check -> check.getKey().isInstance(e)).map(Map.Entry::getValue)
                .findFirst().orElse("it is invalid");
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        return "The '" + format + "' attestation statement does not verify: " + why + detail
                + ". WebAuthn L3 §7.1 step 21 and §8: a statement that does not verify is refused whatever the attestation policy.";
    }

    /** Which check failed, in words. */
    static String describe(VerificationException e) {
        if (e instanceof BadAttestationStatementException) {
            return "the attestation statement is invalid: " + e.getMessage() + " (§7.1 step 22)";
        }
        return CHECKS.entrySet().stream().filter(check -> check.getKey().isInstance(e)).map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage());
    }
}
