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
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
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
     * Non-strict: attestation statements are verified (signatures, formats), but whether their certificates are
     * trusted is decided by Keyward's metadata and the policy, not by webauthn4j.
     */
    static final WebAuthnManager MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
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

    /** Which check failed, in words. */
    static String describe(VerificationException e) {
        if (e instanceof BadAttestationStatementException) {
            return "the attestation statement is invalid: " + e.getMessage() + " (§7.1 step 22)";
        }
        return CHECKS.entrySet().stream().filter(check -> check.getKey().isInstance(e)).map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage());
    }
}
