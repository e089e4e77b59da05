package io.keyward.server.policy;

import jakarta.enterprise.context.ApplicationScoped;

/** Loads and stores the FIDO2 configuration. Placeholder until the policy is persisted. */
@ApplicationScoped
public class Fido2Configurations {

    public Fido2Configuration current() {
        return Fido2Configuration.defaults();
    }
}
