package io.keyward.server.access;

import io.keyward.server.platform.Refused;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Graph {@code authenticationMethodModes} (GRAPH-API.md §3): the methods an authentication strength combines. Keyward
 * signs people in with four of them: {@link #fido2} (a passkey), {@link #password}, and a Temporary Access Pass
 * ({@link #temporaryAccessPassOneTime} or {@link #temporaryAccessPassMultiUse}); the others can be named in a custom
 * strength, as Graph allows, but no Keyward sign-in produces them.
 */
public enum AuthenticationMode {
    password, voice, hardwareOath, softwareOath, sms, fido2, windowsHelloForBusiness, microsoftAuthenticatorPush,
    deviceBasedPush, temporaryAccessPassOneTime, temporaryAccessPassMultiUse, email, x509CertificateSingleFactor,
    x509CertificateMultiFactor, federatedSingleFactor, federatedMultiFactor, qrCodePin;

    public static Optional<AuthenticationMode> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(value.trim())).findFirst();
    }

    /**
     * One allowed combination, as Graph writes it ({@code "password,sms"}; a filter example writes {@code "sms, password"}):
     * the set of its modes. Refused when it names no mode or an unknown one.
     */
    public static Set<AuthenticationMode> combination(String text) {
        if (text == null || text.isBlank()) {
            throw Refused.invalid("An allowed combination must name at least one authentication method mode, such as 'fido2'.");
        }
        EnumSet<AuthenticationMode> modes = EnumSet.noneOf(AuthenticationMode.class);
        for (String part : text.split(",")) {
            modes.add(parse(part).orElseThrow(() -> Refused.invalid("'" + part.trim() + "' in the allowed combination '" + text
                    + "' is not an authentication method mode; use values such as fido2, password, temporaryAccessPassOneTime.")));
        }
        return modes;
    }

    /** The canonical text of a combination: its modes in Graph's order, joined by commas. */
    public static String text(Set<AuthenticationMode> combination) {
        return combination.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
