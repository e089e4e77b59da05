package io.keyward.server.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a new group is created with, including its first members (all-or-nothing). */
public record NewGroup(String displayName, Optional<String> description, Optional<String> mailNickname,
                       boolean securityEnabled, boolean mailEnabled, List<UUID> members) {
}
