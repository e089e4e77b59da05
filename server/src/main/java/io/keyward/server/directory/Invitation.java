package io.keyward.server.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A B2B invitation: the guest account it created and the single-use code that redeems it. */
@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    private UUID id;

    @Column(name = "invited_user_id", nullable = false)
    private UUID invitedUserId;

    @Column(name = "invited_user_email", nullable = false)
    private String invitedUserEmail;

    @Column(name = "invite_redirect_url", nullable = false)
    private String inviteRedirectUrl;

    @Column(name = "redeem_code_hash", nullable = false)
    private String redeemCodeHash;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    protected Invitation() {
    }

    public Invitation(UUID id, UUID invitedUserId, String invitedUserEmail, String inviteRedirectUrl,
                      String redeemCodeHash, Instant createdAt) {
        this.id = id;
        this.invitedUserId = invitedUserId;
        this.invitedUserEmail = invitedUserEmail;
        this.inviteRedirectUrl = inviteRedirectUrl;
        this.redeemCodeHash = redeemCodeHash;
        this.status = "PendingAcceptance";
        this.createdAt = createdAt;
    }

    public void redeem(Instant at) {
        this.status = "Completed";
        this.redeemedAt = at;
    }

    public boolean isRedeemed() {
        return redeemedAt != null;
    }

    public UUID id() {
        return id;
    }

    public UUID invitedUserId() {
        return invitedUserId;
    }

    public String invitedUserEmail() {
        return invitedUserEmail;
    }

    public String inviteRedirectUrl() {
        return inviteRedirectUrl;
    }

    public String redeemCodeHash() {
        return redeemCodeHash;
    }

    public String status() {
        return status;
    }
}
