package io.keyward.server.directory;

/** A member of a group as listed: a user or a group. */
public sealed interface DirectoryObject {

    record UserMember(DirectoryUser user) implements DirectoryObject {
    }

    record GroupMember(Group group) implements DirectoryObject {
    }
}
