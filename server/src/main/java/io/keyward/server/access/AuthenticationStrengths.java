package io.keyward.server.access;

import io.keyward.server.platform.Actor;
import io.keyward.server.platform.AuditRecord;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Authentication strengths: the three built-ins (read-only) and custom ones (created, renamed, their combinations
 * changed, restricted to passkey models, deleted unless a conditional access policy uses them). Every change is
 * audited in its transaction.
 */
@ApplicationScoped
public class AuthenticationStrengths {

    static final String CATEGORY = "Policy";
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_AAGUIDS = 200;

    /** Methods that are multi-factor on their own; a combination of two methods is, too (requirementsSatisfied). */
    private static final Set<AuthenticationMode> MULTIFACTOR_ALONE = Set.of(AuthenticationMode.fido2, AuthenticationMode.windowsHelloForBusiness,
            AuthenticationMode.x509CertificateMultiFactor, AuthenticationMode.deviceBasedPush, AuthenticationMode.temporaryAccessPassOneTime,
            AuthenticationMode.temporaryAccessPassMultiUse, AuthenticationMode.federatedMultiFactor);

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AuditRecord> audit;

    /** Built-ins first, then custom strengths in the order they were created. */
    @Transactional
    public List<AuthenticationStrength> list() {
        List<AuthenticationStrength> all = new ArrayList<>(BuiltInStrengths.ALL);
        em.createQuery("select s from StoredAuthenticationStrength s order by s.createdAt, s.id", StoredAuthenticationStrength.class)
                .getResultList().forEach(s -> all.add(value(s)));
        return all;
    }

    @Transactional
    public Optional<AuthenticationStrength> find(UUID id) {
        return BuiltInStrengths.find(id).or(() -> Optional.ofNullable(em.find(StoredAuthenticationStrength.class, id)).map(this::value));
    }

    @Transactional
    public AuthenticationStrength require(String id) {
        return guid(id).flatMap(this::find).orElseThrow(() -> Refused.notFound("authenticationStrengthPolicy", id));
    }

    @Transactional
    public AuthenticationStrength create(String displayName, Optional<String> description, List<String> combinations, Actor actor) {
        String name = name(displayName, Optional.empty());
        List<String> allowed = combinations(combinations);
        UUID id = UUID.randomUUID();
        em.persist(new StoredAuthenticationStrength(id, name, description.map(AuthenticationStrengths::description).orElse(null), allowed, clock.instant()));
        audit.fire(AuditRecord.of(CATEGORY, "Add authentication strength policy", actor).operation("Add")
                .target("Policy", id, name).change("allowedCombinations", null, String.join("; ", allowed)).build());
        return find(id).orElseThrow();
    }

    /** PATCH: the name and description; combinations change through {@link #updateAllowedCombinations}, as in Graph. */
    @Transactional
    public void update(String id, Optional<String> displayName, Optional<String> description, Actor actor) {
        StoredAuthenticationStrength stored = custom(id, "changed");
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update authentication strength policy", actor)
                .target("Policy", stored.id(), stored.displayName());
        if (displayName.isPresent()) {
            String name = name(displayName.get(), Optional.of(stored.id()));
            record.change("displayName", stored.displayName(), name);
            stored.rename(name);
        }
        if (description.isPresent()) {
            String text = description(description.get());
            record.change("description", stored.description(), text);
            stored.describe(text);
        }
        modified(stored, record);
    }

    @Transactional
    public AuthenticationStrength updateAllowedCombinations(String id, List<String> combinations, Actor actor) {
        StoredAuthenticationStrength stored = custom(id, "changed");
        List<String> allowed = combinations(combinations);
        if (!allowed.contains(AuthenticationMode.fido2.name()) && !configurations(stored.id()).isEmpty()) {
            throw Refused.invalid("The strength '" + stored.displayName() + "' restricts fido2 to passkey models; keep fido2 among its "
                    + "allowed combinations, or delete its combination configuration first.");
        }
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update authentication strength policy", actor)
                .target("Policy", stored.id(), stored.displayName())
                .change("allowedCombinations", String.join("; ", stored.allowedCombinations()), String.join("; ", allowed));
        stored.allow(allowed);
        modified(stored, record);
        return value(stored);
    }

    @Transactional
    public void delete(String id, Actor actor) {
        StoredAuthenticationStrength stored = custom(id, "deleted");
        List<String> users = em.createQuery("select p.displayName from StoredConditionalAccessPolicy p where p.authenticationStrengthId = :id "
                + "order by p.displayName", String.class).setParameter("id", stored.id()).getResultList();
        if (!users.isEmpty()) {
            throw new Refused(ReasonCode.AUTHENTICATION_STRENGTH_IN_USE, "The authentication strength '" + stored.displayName()
                    + "' is used by the conditional access " + (users.size() == 1 ? "policy '" : "policies '") + String.join("', '", users)
                    + "'. Change or delete " + (users.size() == 1 ? "that policy" : "those policies") + " first.");
        }
        em.createQuery("delete from StoredCombinationConfiguration c where c.strengthId = :id").setParameter("id", stored.id()).executeUpdate();
        em.remove(stored);
        audit.fire(AuditRecord.of(CATEGORY, "Delete authentication strength policy", actor).operation("Delete")
                .target("Policy", stored.id(), stored.displayName()).change("displayName", stored.displayName(), null).build());
    }

    /**
     * Adds a {@code fido2CombinationConfiguration}: only on a custom strength that allows {@code fido2}, only for
     * {@code ["fido2"]}, one per strength, with at least one AAGUID.
     */
    @Transactional
    public Fido2CombinationConfiguration addCombinationConfiguration(String id, List<String> appliesTo, List<String> aaguids, Actor actor) {
        StoredAuthenticationStrength stored = custom(id, "given combination configurations");
        if (!appliesTo.equals(Fido2CombinationConfiguration.APPLIES_TO)) {
            throw Refused.invalid("A fido2CombinationConfiguration applies to [\"fido2\"] only; appliesToCombinations was " + appliesTo + ".");
        }
        if (!stored.allowedCombinations().contains(AuthenticationMode.fido2.name())) {
            throw Refused.invalid("The strength '" + stored.displayName() + "' does not allow fido2, so it cannot restrict passkey models.");
        }
        if (!configurations(stored.id()).isEmpty()) {
            throw Refused.invalid("The strength '" + stored.displayName() + "' already has a fido2 combination configuration; change that one instead.");
        }
        Set<UUID> allowed = aaguids(aaguids);
        StoredCombinationConfiguration configuration = new StoredCombinationConfiguration(UUID.randomUUID(), stored.id(), allowed, clock.instant());
        em.persist(configuration);
        modified(stored, AuditRecord.of(CATEGORY, "Update authentication strength policy", actor).target("Policy", stored.id(), stored.displayName())
                .change("fido2CombinationConfiguration.allowedAAGUIDs", null, String.join(" ", allowed.stream().map(UUID::toString).sorted().toList())));
        return configuration.value();
    }

    @Transactional
    public Fido2CombinationConfiguration combinationConfiguration(String id, String configurationId) {
        return stored(require(id), configurationId).value();
    }

    @Transactional
    public void updateCombinationConfiguration(String id, String configurationId, List<String> aaguids, Actor actor) {
        StoredAuthenticationStrength strength = custom(id, "given combination configurations");
        StoredCombinationConfiguration configuration = stored(value(strength), configurationId);
        Set<UUID> allowed = aaguids(aaguids);
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update authentication strength policy", actor).target("Policy", strength.id(), strength.displayName())
                .change("fido2CombinationConfiguration.allowedAAGUIDs", text(configuration.value().allowedAaguids()), text(allowed));
        configuration.allow(allowed);
        modified(strength, record);
    }

    @Transactional
    public void deleteCombinationConfiguration(String id, String configurationId, Actor actor) {
        StoredAuthenticationStrength strength = custom(id, "given combination configurations");
        StoredCombinationConfiguration configuration = stored(value(strength), configurationId);
        AuditRecord.Builder record = AuditRecord.of(CATEGORY, "Update authentication strength policy", actor).target("Policy", strength.id(), strength.displayName())
                .change("fido2CombinationConfiguration.allowedAAGUIDs", text(configuration.value().allowedAaguids()), null);
        em.remove(configuration);
        modified(strength, record);
    }

    /** The conditional access policies that ask for this strength ({@code usage}). */
    @Transactional
    public List<ConditionalAccessPolicy> usage(String id) {
        AuthenticationStrength strength = require(id);
        return em.createQuery("select p from StoredConditionalAccessPolicy p where p.authenticationStrengthId = :id order by p.displayName, p.id",
                StoredConditionalAccessPolicy.class).setParameter("id", strength.id()).getResultList().stream()
                .map(StoredConditionalAccessPolicy::value).toList();
    }

    private StoredCombinationConfiguration stored(AuthenticationStrength strength, String configurationId) {
        return guid(configurationId).map(c -> em.find(StoredCombinationConfiguration.class, c))
                .filter(c -> c.strengthId().equals(strength.id()))
                .orElseThrow(() -> Refused.notFound("authenticationCombinationConfiguration", configurationId));
    }

    private StoredAuthenticationStrength custom(String id, String verb) {
        AuthenticationStrength strength = require(id);
        if (strength.builtIn()) {
            throw new Refused(ReasonCode.BUILT_IN_STRENGTH_READ_ONLY, "The built-in authentication strength '" + strength.displayName()
                    + "' cannot be " + verb + ". Create a custom strength instead.");
        }
        return em.find(StoredAuthenticationStrength.class, strength.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    private void modified(StoredAuthenticationStrength stored, AuditRecord.Builder record) {
        if (record.hasChanges()) {
            stored.modified(clock.instant());
            audit.fire(record.build());
        }
    }

    private AuthenticationStrength value(StoredAuthenticationStrength s) {
        List<String> combinations = s.allowedCombinations();
        boolean mfa = combinations.stream().map(AuthenticationMode::combination)
                .allMatch(c -> c.size() > 1 || MULTIFACTOR_ALONE.containsAll(c));
        return new AuthenticationStrength(s.id(), s.displayName(), s.description(), AuthenticationStrength.PolicyType.custom,
                mfa ? "mfa" : "none", combinations, configurations(s.id()), s.createdAt(), s.modifiedAt());
    }

    private List<Fido2CombinationConfiguration> configurations(UUID strengthId) {
        return em.createQuery("select c from StoredCombinationConfiguration c where c.strengthId = :id order by c.createdAt",
                StoredCombinationConfiguration.class).setParameter("id", strengthId).getResultList().stream()
                .map(StoredCombinationConfiguration::value).toList();
    }

    private String name(String displayName, Optional<UUID> self) {
        if (displayName == null || displayName.isBlank()) {
            throw Refused.invalid("An authentication strength needs a displayName.");
        }
        String name = displayName.trim();
        if (name.length() > MAX_NAME) {
            throw Refused.invalid("displayName is longer than " + MAX_NAME + " characters.");
        }
        boolean taken = list().stream().filter(s -> self.map(id -> !id.equals(s.id())).orElse(true))
                .anyMatch(s -> s.displayName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
        if (taken) {
            throw new Refused(ReasonCode.NAME_ALREADY_EXISTS, "An authentication strength named '" + name + "' already exists.");
        }
        return name;
    }

    private static String description(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw Refused.invalid("description is longer than " + MAX_DESCRIPTION + " characters.");
        }
        return description;
    }

    private static List<String> combinations(List<String> combinations) {
        if (combinations == null || combinations.isEmpty()) {
            throw Refused.invalid("An authentication strength needs at least one allowed combination, such as [\"fido2\"].");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String combination : combinations) {
            canonical.add(AuthenticationMode.text(AuthenticationMode.combination(combination)));
        }
        return List.copyOf(canonical);
    }

    private static Set<UUID> aaguids(List<String> aaguids) {
        if (aaguids == null || aaguids.isEmpty()) {
            throw Refused.invalid("allowedAAGUIDs must name at least one passkey model's AAGUID.");
        }
        if (aaguids.size() > MAX_AAGUIDS) {
            throw Refused.invalid("allowedAAGUIDs can name at most " + MAX_AAGUIDS + " models.");
        }
        Set<UUID> set = new LinkedHashSet<>();
        for (String aaguid : aaguids) {
            set.add(guid(aaguid).orElseThrow(() -> Refused.invalid("'" + aaguid + "' in allowedAAGUIDs is not an AAGUID "
                    + "(a GUID such as cb69481e-8ff7-4039-93ec-0a2729a154a8).")));
        }
        return set;
    }

    private static String text(Set<UUID> aaguids) {
        return String.join(" ", aaguids.stream().map(UUID::toString).sorted().toList());
    }

    static Optional<UUID> guid(String value) {
        if (value == null || value.trim().length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
