package io.keyward.server.policy;

/**
 * The FIDO2 authentication method configuration (GRAPH-API.md §1.3). Placeholder shape: the policy work replaces
 * it with the full model (targets, key restrictions, passkey profiles, self-service, attestation).
 */
public record Fido2Configuration(boolean enabled) {

    /** The configuration a new tenant starts with and DELETE reverts to. */
    public static Fido2Configuration defaults() {
        return new Fido2Configuration(true);
    }
}
