package io.keyward.server.directory;

/** An invitation as returned once at creation: the redeem code is only ever shown here. */
public record IssuedInvitation(Invitation invitation, DirectoryUser invitedUser, String redeemCode) {
}
