package io.keyward.server.policy;

/** Who registers a passkey: the user in Security info, or an administrator / the kiosk on the user's behalf. */
public enum RegistrationChannel {
    SELF_SERVICE, ADMIN_PROVISIONING
}
