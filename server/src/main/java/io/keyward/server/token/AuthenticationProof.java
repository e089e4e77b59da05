package io.keyward.server.token;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How a person proved who they are at sign-in, in the words ID tokens use: {@code amr} values in the style of
 * RFC 8176 and an {@code acr}. A passkey is {@code fido} and multi-factor (possession plus the user verification
 * WebAuthn requires, RFC 8176 §2 {@code mfa}), held in hardware ({@code hwk}) when it is device-bound or as a
 * synced software key ({@code swk}); a Temporary Access Pass ({@code tap}) counts as multi-factor, as the
 * authentication strengths of GRAPH-API.md §3 count it; a password ({@code pwd}) is one factor.
 */
public record AuthenticationProof(String method, List<String> amr, Optional<UUID> aaguid) {

    /** acr of a passkey sign-in: phishing-resistant multi-factor authentication. */
    public static final String ACR_PHISHING_RESISTANT = "urn:keyward:acr:phishing-resistant";
    /** acr of a Temporary Access Pass sign-in: multi-factor, not phishing-resistant. */
    public static final String ACR_MULTIFACTOR = "urn:keyward:acr:multifactor";
    /** acr of a password sign-in. */
    public static final String ACR_SINGLE_FACTOR = "urn:keyward:acr:single-factor";

    public AuthenticationProof {
        amr = List.copyOf(amr);
    }

    public static AuthenticationProof passkey(boolean deviceBound, UUID aaguid) {
        return new AuthenticationProof("passkey", List.of("fido", deviceBound ? "hwk" : "swk", "mfa"), Optional.ofNullable(aaguid));
    }

    public static AuthenticationProof temporaryAccessPass() {
        return new AuthenticationProof("temporaryAccessPass", List.of("tap", "mfa"), Optional.empty());
    }

    /**
     * A Temporary Access Pass sign-in that remembers which kind of pass it was, in authentication strength terms
     * ({@code temporaryAccessPassOneTime} or {@code temporaryAccessPassMultiUse}): a strength may allow one and not the other.
     */
    public static AuthenticationProof temporaryAccessPass(boolean oneTime) {
        return new AuthenticationProof(oneTime ? "temporaryAccessPassOneTime" : "temporaryAccessPassMultiUse", List.of("tap", "mfa"), Optional.empty());
    }

    public static AuthenticationProof password() {
        return new AuthenticationProof("password", List.of("pwd"), Optional.empty());
    }

    public String acr() {
        if (amr.contains("fido")) {
            return ACR_PHISHING_RESISTANT;
        }
        return amr.contains("mfa") ? ACR_MULTIFACTOR : ACR_SINGLE_FACTOR;
    }

    /**
     * Delegated permissions that change the user's own sign-in methods need a multi-factor sign-in ("a user acting on
     * self via /me must have satisfied MFA", GRAPH-API.md §2.5): otherwise someone who learned a password could add a
     * passkey of their own through an app. Without {@code mfa} in {@code amr} they are left out of the token.
     */
    static final java.util.Set<String> NEED_MFA = java.util.Set.of(GraphPermission.USERAUTHMETHOD_PASSKEY_READWRITE.value(),
            GraphPermission.USERAUTHENTICATIONMETHOD_READWRITE.value());

    static java.util.Set<String> scopesAllowedFor(List<String> amr, java.util.Set<String> scopes) {
        if (amr.contains("mfa")) {
            return scopes;
        }
        java.util.Set<String> allowed = new java.util.LinkedHashSet<>(scopes);
        allowed.removeAll(NEED_MFA);
        return allowed;
    }

    /** The stored form: amr values separated by spaces. */
    String amrText() {
        return String.join(" ", amr);
    }

    static List<String> amrOf(String text) {
        return text.isBlank() ? List.of() : List.of(text.split(" "));
    }

    static String acrOf(List<String> amr) {
        return new AuthenticationProof("", amr, Optional.empty()).acr();
    }
}
