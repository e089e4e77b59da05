package io.keyward.server.webauthn;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.passkey.Passkey;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;

import java.util.Optional;

/** A refused passkey sign-in, with whatever was learned about who and which passkey before the refusal (for the log). */
public class PasskeySignInRefused extends Refused {

    private final transient Optional<DirectoryUser> user;
    private final transient Optional<Passkey> passkey;

    public PasskeySignInRefused(ReasonCode reason, String message, Optional<DirectoryUser> user, Optional<Passkey> passkey) {
        super(reason, message);
        this.user = user;
        this.passkey = passkey;
    }

    public Optional<DirectoryUser> user() {
        return user;
    }

    public Optional<Passkey> passkey() {
        return passkey;
    }
}
