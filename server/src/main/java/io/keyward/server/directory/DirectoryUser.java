package io.keyward.server.directory;

import io.keyward.server.platform.query.CaseFolded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A user account. The object id never changes (WebAuthn user handles derive from it); the user principal name
 * may change and is unique regardless of case.
 */
@Entity
@Table(name = "directory_user")
public class DirectoryUser {

    @Id
    private UUID id;

    @Column(name = "user_principal_name", nullable = false)
    private String userPrincipalName;

    /** Lower-cased UPN: the database enforces case-insensitive uniqueness on it, and its unique index serves UPN filters. */
    @CaseFolded
    @Column(name = "upn_key", nullable = false)
    private String upnKey;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "given_name")
    private String givenName;

    @Column(name = "surname")
    private String surname;

    @Column(name = "mail")
    private String mail;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type", nullable = false)
    private UserType userType;

    @Column(name = "creation_type")
    private String creationType;

    @Enumerated(EnumType.STRING)
    @Column(name = "external_user_state")
    private ExternalUserState externalUserState;

    @Column(name = "external_user_state_changed_at")
    private Instant externalUserStateChangedAt;

    @Column(name = "account_enabled", nullable = false)
    private boolean accountEnabled;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Sign-in sessions opened at or before this instant are revoked (Graph {@code signInSessionsValidFromDateTime}). */
    @Column(name = "sign_in_sessions_valid_from")
    private Instant signInSessionsValidFrom;

    /** The directory change that last touched this user ({@link DirectoryChanges}): what a delta query reads. */
    @Column(name = "change_seq", nullable = false)
    private long changeSeq;

    @Version
    private long version;

    protected DirectoryUser() {
    }

    public DirectoryUser(UUID id, String userPrincipalName, String displayName, UserType userType, Instant createdAt) {
        this.id = id;
        rename(userPrincipalName);
        this.displayName = displayName;
        this.userType = userType;
        this.accountEnabled = true;
        this.createdAt = createdAt;
    }

    /** Records that the change numbered {@code sequence} touched this user. */
    void stampChange(long sequence) {
        this.changeSeq = sequence;
    }

    public long changeSequence() {
        return changeSeq;
    }

    public static String upnKey(String userPrincipalName) {
        return userPrincipalName.toLowerCase(Locale.ROOT);
    }

    /** Changes the user principal name. Existing passkeys keep working: they are bound to the object id. */
    public void rename(String newUserPrincipalName) {
        this.userPrincipalName = newUserPrincipalName;
        this.upnKey = upnKey(newUserPrincipalName);
    }

    /** Marks the account as created by a B2B invitation that has not been redeemed yet. */
    public void markInvited(Instant at) {
        this.userType = UserType.Guest;
        this.creationType = "Invitation";
        this.externalUserState = ExternalUserState.PendingAcceptance;
        this.externalUserStateChangedAt = at;
    }

    public void acceptInvitation(Instant at) {
        this.externalUserState = ExternalUserState.Accepted;
        this.externalUserStateChangedAt = at;
    }

    public boolean isGuest() {
        return userType == UserType.Guest;
    }

    /**
     * A B2B guest as policies see one (the passkey policy's guest rule, conditional access's
     * {@code GuestsOrExternalUsers}): {@code userType} Guest, or a user created by an invitation whatever its type.
     */
    public boolean isGuestOrExternal() {
        return isGuest() || creationType().filter("Invitation"::equals).isPresent();
    }

    public UUID id() {
        return id;
    }

    public String userPrincipalName() {
        return userPrincipalName;
    }

    public String displayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String givenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public String surname() {
        return surname;
    }

    public void setSurname(String surname) {
        this.surname = surname;
    }

    public String mail() {
        return mail;
    }

    public void setMail(String mail) {
        this.mail = mail;
    }

    public UserType userType() {
        return userType;
    }

    public void setUserType(UserType userType) {
        this.userType = userType;
    }

    public Optional<String> creationType() {
        return Optional.ofNullable(creationType);
    }

    public Optional<ExternalUserState> externalUserState() {
        return Optional.ofNullable(externalUserState);
    }

    public Optional<Instant> externalUserStateChangedAt() {
        return Optional.ofNullable(externalUserStateChangedAt);
    }

    public boolean accountEnabled() {
        return accountEnabled;
    }

    public void setAccountEnabled(boolean accountEnabled) {
        this.accountEnabled = accountEnabled;
    }

    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> signInSessionsValidFrom() {
        return Optional.ofNullable(signInSessionsValidFrom);
    }

    /** Ends every sign-in session opened up to {@code at} (millisecond precision, as sessions record their start). */
    public void revokeSignInSessions(Instant at) {
        this.signInSessionsValidFrom = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * Whether a sign-in session that started at {@code authenticatedAt} is still valid: only if it started after the
     * last revocation. A session started in the very millisecond of a revocation counts as revoked (fails closed).
     */
    public boolean acceptsSessionStartedAt(Instant authenticatedAt) {
        return signInSessionsValidFrom == null || authenticatedAt.isAfter(signInSessionsValidFrom);
    }
}
