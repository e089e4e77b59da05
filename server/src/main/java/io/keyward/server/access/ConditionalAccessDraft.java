package io.keyward.server.access;

import java.util.Optional;

/**
 * A conditional access policy as a client sent it, before validation: every part optional, so that the same value
 * serves a create (all parts needed) and a PATCH (only the parts sent change).
 */
public record ConditionalAccessDraft(Optional<String> displayName, Optional<ConditionalAccessPolicy.State> state,
                                     Optional<ConditionalAccessPolicy.Users> users,
                                     Optional<ConditionalAccessPolicy.Applications> applications,
                                     Optional<ConditionalAccessPolicy.Grant> grant) {
}
