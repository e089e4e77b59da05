package io.keyward.server.access;

import java.util.Set;
import java.util.UUID;

/**
 * Who is signing in, as conditional access needs to know: the user, whether they are a guest (B2B collaboration
 * user), every group they are in (directly or through nested groups) and their directory roles' template ids.
 */
public record AccessSubject(UUID userId, boolean guest, Set<UUID> groupIds, Set<String> roleTemplateIds) {

    public AccessSubject {
        groupIds = Set.copyOf(groupIds);
        roleTemplateIds = Set.copyOf(roleTemplateIds);
    }
}
