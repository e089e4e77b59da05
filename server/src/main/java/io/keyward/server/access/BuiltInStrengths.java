package io.keyward.server.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The three built-in authentication strengths, with Graph's ids, names, descriptions and combinations (GRAPH-API.md §3). */
public final class BuiltInStrengths {

    static final Instant CREATED = Instant.parse("2021-12-01T00:00:00Z");

    public static final AuthenticationStrength MULTIFACTOR = builtIn("00000000-0000-0000-0000-000000000002",
            "Multifactor authentication", "Combinations of methods that satisfy strong authentication, such as a password + SMS",
            List.of("windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime",
                    "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath",
                    "password,x509CertificateSingleFactor", "password,x509CertificateMultiFactor", "password,sms", "password,voice",
                    "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor",
                    "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor"));

    public static final AuthenticationStrength PASSWORDLESS = builtIn("00000000-0000-0000-0000-000000000003",
            "Passwordless MFA", "Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator",
            List.of("windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"));

    public static final AuthenticationStrength PHISHING_RESISTANT = builtIn("00000000-0000-0000-0000-000000000004",
            "Phishing resistant MFA", "Phishing resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
            List.of("windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"));

    public static final List<AuthenticationStrength> ALL = List.of(MULTIFACTOR, PASSWORDLESS, PHISHING_RESISTANT);

    private BuiltInStrengths() {
    }

    public static Optional<AuthenticationStrength> find(UUID id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static AuthenticationStrength builtIn(String id, String name, String description, List<String> combinations) {
        return new AuthenticationStrength(UUID.fromString(id), name, description, AuthenticationStrength.PolicyType.builtIn, "mfa",
                combinations, List.of(), CREATED, CREATED);
    }
}
