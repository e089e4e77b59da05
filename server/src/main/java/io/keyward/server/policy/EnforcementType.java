package io.keyward.server.policy;

/** Graph {@code fido2RestrictionEnforcementType}: whether the AAGUID list allows only its models or blocks them. */
public enum EnforcementType {
    allow, block
}
