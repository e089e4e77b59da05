package io.keyward.server.directory;

import io.keyward.server.platform.query.Page;
import io.keyward.server.platform.query.PageRequest;
import io.keyward.server.platform.query.Repositories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Map;

/**
 * The order of changes to users, for Graph delta queries. Each change takes the next number from one counter row;
 * the row stays locked until the change commits, so changes commit in the order of their numbers, and a reader that
 * sees the counter at {@code n} has seen every change numbered up to {@code n} committed, and will see every later
 * one numbered above {@code n}. A delta link remembers that {@code n} (its watermark).
 */
@ApplicationScoped
public class DirectoryChanges {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** The next change number, in the caller's transaction (which must be one: the lock lasts until it ends). */
    @Transactional(Transactional.TxType.MANDATORY)
    long next() {
        em.createNativeQuery("update directory_change_counter set last_value = last_value + 1 where id = 1").executeUpdate();
        return current();
    }

    /** The number of the last committed change (the watermark of a delta round that starts now). */
    @Transactional
    public long current() {
        return ((Number) em.createNativeQuery("select last_value from directory_change_counter where id = 1").getSingleResult()).longValue();
    }

    /** Users changed (or created) after change {@code since}, in id order. */
    @Transactional
    public Page<DirectoryUser> usersChangedSince(long since, PageRequest page) {
        return Repositories.page(em, DirectoryUser.class, Map.of(), page,
                (root, query, cb) -> cb.greaterThan(root.get("changeSeq"), since));
    }

    /** Users deleted after change {@code since}, in id order. */
    @Transactional
    public Page<DeletedUser> usersDeletedSince(long since, PageRequest page) {
        return Repositories.page(em, DeletedUser.class, Map.of(), page,
                (root, query, cb) -> cb.greaterThan(root.get("changeSeq"), since));
    }
}
