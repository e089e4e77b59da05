package io.keyward.server.graph;

import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.UserService;
import io.keyward.server.token.Caller;
import io.keyward.server.token.PrivilegedUserRules;
import io.keyward.server.token.PrivilegedUserRules.SensitiveAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@link PrivilegedUserRules} to a Graph call: refuses a sensitive change of a privileged user. */
@ApplicationScoped
public class PrivilegedTargets {

    @Inject
    UserService users;

    void require(Caller caller, DirectoryUser target, SensitiveAction action) {
        PrivilegedUserRules.decide(caller, action, target.id().toString(), users.directoryRoles(target.id())).orThrow();
    }
}
