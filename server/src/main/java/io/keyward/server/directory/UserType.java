package io.keyward.server.directory;

/** Graph {@code userType}: a member of the organization, or a guest (B2B collaboration user). */
public enum UserType {
    Member, Guest
}
