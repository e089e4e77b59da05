package io.keyward.server.webauthn;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

/** A refused passkey sign-in; the ceremony has already logged it with whatever it learned of who and which passkey. */
public class PasskeySignInRefused extends Refused {

    public PasskeySignInRefused(ReasonCode reason, String message) {
        super(reason, message);
    }
}
