package io.keyward.server.access;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How this one sign-in was proved, in authentication strength terms: a single mode (Keyward's sign-ins are
 * single-step) and, for a passkey, its model's AAGUID. Only this sign-in's method counts towards a strength: an
 * earlier sign-in with another method does not.
 */
public record SignInMethod(AuthenticationMode mode, Optional<UUID> aaguid) {

    public SignInMethod {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(aaguid);
    }

    public static SignInMethod passkey(UUID aaguid) {
        return new SignInMethod(AuthenticationMode.fido2, Optional.ofNullable(aaguid));
    }

    public static SignInMethod password() {
        return new SignInMethod(AuthenticationMode.password, Optional.empty());
    }

    public static SignInMethod temporaryAccessPass(boolean oneTime) {
        return new SignInMethod(oneTime ? AuthenticationMode.temporaryAccessPassOneTime : AuthenticationMode.temporaryAccessPassMultiUse,
                Optional.empty());
    }
}
