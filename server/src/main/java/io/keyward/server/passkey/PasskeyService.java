package io.keyward.server.passkey;

import io.keyward.server.platform.AuditRecord;
import io.keyward.server.directory.CredentialsChanged;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.platform.Actor;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.DatabaseUnavailable;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Stores, lists, renames and deletes passkeys; every change is audited. */
@ApplicationScoped
public class PasskeyService {

    static final String CATEGORY = "UserManagement";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    /** Audited changes; the directory audit log observes them in this transaction. */
    Event<AuditRecord> audit;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    /** Stores a new passkey; {@code details} (what the requester stated about the provisioning) go into its audit entry. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Passkey register(NewPasskey request, DirectoryUser user, Actor actor, List<AuditRecord.Detail> details) {
        if (findByCredentialId(request.credentialId()).isPresent()) {
            throw new Refused(ReasonCode.CREDENTIAL_ALREADY_REGISTERED, "This security key or passkey is already registered.");
        }
        Passkey passkey = new Passkey(request, clock.instant());
        try {
            em.persist(passkey);
            em.flush();
        } catch (PersistenceException e) {
            DatabaseUnavailable.rethrowIfUnavailable(e);
            throw new Refused(ReasonCode.CREDENTIAL_ALREADY_REGISTERED, "This security key or passkey is already registered.");
        }
        audit.fire(AuditRecord.of(CATEGORY, "User registered security info", actor).operation("Add")
                .target("User", user.id(), user.userPrincipalName())
                .change("passkey", null, passkey.displayName())
                .change("aaGuid", null, passkey.aaguid().toString())
                .change("model", null, metadata.modelName(passkey.aaguid()))
                .change("attestationFormat", null, passkey.attestationFormat())
                .change("passkeyType", null, passkey.passkeyType().name())
                .details(details)
                .build());
        return passkey;
    }

    @Transactional
    public List<Passkey> list(java.util.UUID userId) {
        return em.createQuery("select p from Passkey p where p.userId = :u order by p.createdAt, p.id", Passkey.class)
                .setParameter("u", userId).getResultList();
    }

    /** The passkeys of several users at once, for reports over a page of users. */
    @Transactional
    public List<Passkey> listFor(java.util.Collection<java.util.UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select p from Passkey p where p.userId in :ids", Passkey.class).setParameter("ids", userIds).getResultList();
    }

    @Transactional
    public Optional<Passkey> find(java.util.UUID userId, String id) {
        return Optional.ofNullable(em.find(Passkey.class, id)).filter(p -> p.userId().equals(userId));
    }

    @Transactional
    public Passkey require(java.util.UUID userId, String id) {
        return find(userId, id).orElseThrow(() -> new Refused(ReasonCode.NOT_FOUND, "No passkey '" + id + "' for this user."));
    }

    @Transactional
    public Optional<Passkey> findByCredentialId(String credentialId) {
        return em.createQuery("select p from Passkey p where p.credentialId = :c", Passkey.class)
                .setParameter("c", credentialId).getResultStream().findFirst();
    }

    @Transactional
    public void delete(DirectoryUser user, String id, Actor actor) {
        Passkey passkey = require(user.id(), id);
        em.remove(passkey);
        credentialsChanged.fire(new CredentialsChanged(user.id(), CredentialsChanged.Change.PASSKEY_DELETED, actor));
        audit.fire(AuditRecord.of(CATEGORY, "User deleted security info", actor).operation("Delete")
                .target("User", user.id(), user.userPrincipalName())
                .change("passkey", passkey.displayName(), null)
                .change("aaGuid", passkey.aaguid().toString(), null)
                .build());
    }

    @Transactional
    public Passkey rename(DirectoryUser user, String id, String displayName, Actor actor) {
        Passkey passkey = require(user.id(), id);
        String name = PasskeyNames.require(displayName);
        audit.fire(AuditRecord.of(CATEGORY, "User changed security info", actor)
                .target("User", user.id(), user.userPrincipalName())
                .change("passkey", passkey.displayName(), name)
                .build());
        passkey.rename(name);
        return passkey;
    }

    /** A successful sign-in: new counter and backup state, last used now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordUse(Passkey passkey, long signCount, boolean backupState) {
        em.find(Passkey.class, passkey.id()).recordUse(signCount, backupState, clock.instant());
    }

    /** Flags every passkey of these models (e.g. newly reported compromised); returns how many were flagged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int flagModels(java.util.Set<java.util.UUID> aaguids, String reason) {
        if (aaguids.isEmpty()) {
            return 0;
        }
        return em.createQuery("update Passkey p set p.suspectReason = :reason where p.aaguid in :aaguids")
                .setParameter("reason", reason).setParameter("aaguids", aaguids).executeUpdate();
    }

    /**
     * An admin has checked a passkey flagged as a possible clone and lets it sign in again: the flag is cleared and
     * the next sign-in's counter is accepted as the new baseline. Audited.
     */
    @Transactional
    public Passkey clearCloneFlag(DirectoryUser user, String id, Actor actor) {
        Passkey passkey = require(user.id(), id);
        String previous = passkey.suspectReason().orElseThrow(() -> Refused.invalid("This passkey is not flagged."));
        passkey.markSuspect(null);
        audit.fire(AuditRecord.of(CATEGORY, "Admin cleared the possible-clone flag of security info", actor).operation("Update")
                .target("User", user.id(), user.userPrincipalName())
                .change("suspectReason", previous, null)
                .change("passkey", passkey.displayName(), passkey.displayName())
                .build());
        return passkey;
    }

    /** Marks a passkey suspect (a clone signal); written even when the sign-in itself is refused. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markSuspect(String passkeyId, String reason) {
        Passkey passkey = em.find(Passkey.class, passkeyId);
        if (passkey != null) {
            passkey.markSuspect(reason);
        }
    }
}
