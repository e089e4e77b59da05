package io.keyward.server.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A partial update of a group; {@code addMembers} comes from {@code members@odata.bind}. */
public record GroupChanges(Optional<String> displayName, Optional<Optional<String>> description,
                           Optional<Optional<String>> mailNickname, Optional<Boolean> securityEnabled,
                           Optional<Boolean> mailEnabled, List<UUID> addMembers) {
}
