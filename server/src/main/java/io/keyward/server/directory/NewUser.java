package io.keyward.server.directory;

import java.util.Optional;

/** What a new member account is created with. The password is optional: Keyward is passkey-first. */
public record NewUser(String userPrincipalName, String displayName, Optional<String> givenName,
                      Optional<String> surname, Optional<String> mail, boolean accountEnabled,
                      Optional<String> password) {
}
