package io.keyward.server.graph;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.platform.Refused;
import io.keyward.server.token.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves the owner segment of authentication-method paths: {@code users/{id or UPN}} or {@code me}. */
@ApplicationScoped
public class MethodOwners {

    @Inject
    UserService users;

    DirectoryUser resolve(String owner, Caller caller) {
        if (owner.equals("me")) {
            String userId = caller.userId().orElseThrow(() ->
                    Refused.invalid("/me request is only valid with delegated authentication flow."));
            return users.require(userId);
        }
        return users.require(owner.substring("users/".length()));
    }
}
