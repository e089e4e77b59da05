package io.keyward.server.directory;

import java.util.Optional;

/** A B2B invitation request (Graph {@code POST /invitations}). Keyward sends no e-mail; the caller delivers the link. */
public record NewInvitation(String invitedUserEmailAddress, String inviteRedirectUrl,
                            Optional<String> invitedUserDisplayName, UserType invitedUserType) {
}
