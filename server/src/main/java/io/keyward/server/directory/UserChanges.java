package io.keyward.server.directory;

import java.util.Optional;

/** A partial update of a user: only present values change (Graph PATCH semantics). */
public record UserChanges(Optional<String> userPrincipalName, Optional<String> displayName,
                          Optional<Optional<String>> givenName, Optional<Optional<String>> surname,
                          Optional<Optional<String>> mail, Optional<Boolean> accountEnabled,
                          Optional<UserType> userType, Optional<String> password) {

    public static UserChanges none() {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
