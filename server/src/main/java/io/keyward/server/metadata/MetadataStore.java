package io.keyward.server.metadata;

import io.keyward.server.platform.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where metadata is kept: the last good BLOB, admin-defined metadata, and a revision that every change bumps so
 * that each node knows when its in-memory copy is stale.
 */
@ApplicationScoped
public class MetadataStore {

    static final String REVISION = "metadata.revision";
    private static final String LOCK = "metadata.lock";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Transactional
    public Optional<Integer> currentBlobNo() {
        return em.createQuery("select b.no from StoredBlob b order by b.no desc", Integer.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    @Transactional
    public Optional<StoredBlob> currentBlob() {
        return em.createQuery("select b from StoredBlob b order by b.no desc", StoredBlob.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    @Transactional
    public List<AdminMetadataEntry> adminEntries() {
        return em.createQuery("select a from AdminMetadataEntry a order by a.description, a.aaguid", AdminMetadataEntry.class)
                .getResultList();
    }

    @Transactional
    public Optional<AdminMetadataEntry> adminEntry(UUID aaguid) {
        return Optional.ofNullable(em.find(AdminMetadataEntry.class, aaguid));
    }

    @Transactional
    public String revision() {
        return Optional.ofNullable(em.find(Setting.class, REVISION)).map(Setting::value).orElse("0");
    }

    /** Serializes metadata changes across nodes for the rest of the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock() {
        em.createNativeQuery("insert into keyward_setting (name, setting_value) select '" + LOCK + "', 'held' "
                + "where not exists (select 1 from keyward_setting where name = '" + LOCK + "')").executeUpdate();
        em.createQuery("select s from Setting s where s.name = '" + LOCK + "'").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Replaces the stored BLOB; the caller holds {@link #lock()}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceBlob(StoredBlob blob) {
        em.createQuery("delete from StoredBlob").executeUpdate();
        em.persist(blob);
        bumpRevision();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAdmin(AdminMetadataEntry entry) {
        if (!em.contains(entry)) {
            em.persist(entry);
        }
        bumpRevision();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removeAdmin(AdminMetadataEntry entry) {
        em.remove(entry);
        bumpRevision();
    }

    private void bumpRevision() {
        em.merge(new Setting(REVISION, UUID.randomUUID().toString()));
    }
}
