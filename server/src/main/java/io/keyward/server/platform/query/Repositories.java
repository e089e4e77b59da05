package io.keyward.server.platform.query;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Keyset paging and counting over any entity with a UUID {@code id}, filtered by a {@link Criterion}. */
public final class Repositories {

    private Repositories() {
    }

    /** An extra condition on the rows, given the query it belongs to (so that it can hold subqueries). */
    @FunctionalInterface
    public interface Scope<T> {
        /** The condition, or null for none. */
        Predicate apply(Root<T> root, CriteriaQuery<?> query, CriteriaBuilder cb);

        static <T> Scope<T> none() {
            return (root, query, cb) -> null;
        }
    }

    public static <T> Page<T> page(EntityManager em, Class<T> type, Map<String, String> filterable, PageRequest request) {
        return page(em, type, filterable, request, Scope.none());
    }

    /** As {@link #page(EntityManager, Class, Map, PageRequest)}, narrowed by an extra predicate (e.g. group members). */
    public static <T> Page<T> page(EntityManager em, Class<T> type, Map<String, String> filterable, PageRequest request,
                                   Scope<T> scope) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> query = cb.createQuery(type);
        Root<T> root = query.from(type);
        List<Predicate> where = predicates(cb, root, query, filterable, request.filter(), scope);
        request.after().ifPresent(after -> where.add(request.descending()
                ? cb.lessThan(root.get("id"), after) : cb.greaterThan(root.get("id"), after)));
        query.select(root).where(where.toArray(Predicate[]::new))
                .orderBy(request.descending() ? cb.desc(root.get("id")) : cb.asc(root.get("id")));
        List<T> rows = em.createQuery(query).setMaxResults(request.size() + 1).getResultList();
        if (rows.size() <= request.size()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = new ArrayList<>(rows.subList(0, request.size()));
        UUID last = (UUID) em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(items.get(items.size() - 1));
        return new Page<>(items, Optional.of(last));
    }

    public static <T> long count(EntityManager em, Class<T> type, Map<String, String> filterable, Optional<Criterion> filter,
                                 Scope<T> scope) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        query.select(cb.count(root)).where(predicates(cb, root, query, filterable, filter, scope).toArray(Predicate[]::new));
        return em.createQuery(query).getSingleResult();
    }

    private static <T> List<Predicate> predicates(CriteriaBuilder cb, Root<T> root, CriteriaQuery<?> query,
                                                  Map<String, String> filterable, Optional<Criterion> filter, Scope<T> scope) {
        List<Predicate> where = new ArrayList<>();
        filter.ifPresent(f -> where.add(new CriteriaTranslator(filterable).toPredicate(f, root, cb)));
        Predicate scoped = scope.apply(root, query, cb);
        if (scoped != null) {
            where.add(scoped);
        }
        return where;
    }
}
