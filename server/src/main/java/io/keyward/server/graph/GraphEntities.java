package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.directory.DirectoryUser;
import io.keyward.server.directory.Group;
import io.keyward.server.platform.Refused;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps directory objects to Graph JSON. Without {@code $select} a user has Graph's default properties; every
 * mapped property can be selected by name (an unknown name is refused).
 */
final class GraphEntities {

    private static final Set<String> USER_DEFAULT = Set.of("id", "displayName", "givenName", "surname", "mail",
            "userPrincipalName", "businessPhones", "jobTitle", "mobilePhone", "officeLocation", "preferredLanguage");
    private static final Map<String, Function<DirectoryUser, Object>> USER = new LinkedHashMap<>();
    private static final Map<String, Function<Group, Object>> GROUP = new LinkedHashMap<>();

    static {
        USER.put("id", u -> u.id().toString());
        USER.put("businessPhones", u -> new String[0]);
        USER.put("displayName", DirectoryUser::displayName);
        USER.put("givenName", DirectoryUser::givenName);
        USER.put("jobTitle", u -> null);
        USER.put("mail", DirectoryUser::mail);
        USER.put("mobilePhone", u -> null);
        USER.put("officeLocation", u -> null);
        USER.put("preferredLanguage", u -> null);
        USER.put("surname", DirectoryUser::surname);
        USER.put("userPrincipalName", DirectoryUser::userPrincipalName);
        USER.put("accountEnabled", DirectoryUser::accountEnabled);
        USER.put("userType", u -> u.userType().name());
        USER.put("creationType", u -> u.creationType().orElse(null));
        USER.put("externalUserState", u -> u.externalUserState().map(Enum::name).orElse(null));
        USER.put("externalUserStateChangeDateTime", u -> u.externalUserStateChangedAt().map(GraphEntities::time).orElse(null));
        USER.put("createdDateTime", u -> time(u.createdAt()));
        USER.put("signInSessionsValidFromDateTime", u -> u.signInSessionsValidFrom().map(GraphEntities::time).orElse(null));

        GROUP.put("id", g -> g.id().toString());
        GROUP.put("displayName", Group::displayName);
        GROUP.put("description", Group::description);
        GROUP.put("mail", Group::mail);
        GROUP.put("mailNickname", Group::mailNickname);
        GROUP.put("mailEnabled", Group::mailEnabled);
        GROUP.put("securityEnabled", Group::securityEnabled);
        GROUP.put("groupTypes", g -> new String[0]);
        GROUP.put("createdDateTime", g -> time(g.createdAt()));
    }

    private GraphEntities() {
    }

    static ObjectNode user(DirectoryUser user, Optional<Set<String>> select) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        Set<String> properties = select.orElse(USER_DEFAULT);
        requireKnown(properties, USER.keySet(), "user");
        USER.forEach((name, getter) -> {
            if (properties.contains(name)) {
                node.set(name, GraphJson.MAPPER.valueToTree(getter.apply(user)));
            }
        });
        return node;
    }

    static ObjectNode group(Group group, Optional<Set<String>> select) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        Set<String> properties = select.orElse(GROUP.keySet());
        requireKnown(properties, GROUP.keySet(), "group");
        GROUP.forEach((name, getter) -> {
            if (properties.contains(name)) {
                node.set(name, GraphJson.MAPPER.valueToTree(getter.apply(group)));
            }
        });
        return node;
    }

    static Set<String> userProperties() {
        return USER.keySet();
    }

    static Set<String> groupProperties() {
        return GROUP.keySet();
    }

    static ObjectNode collection(String context, ArrayNode values, Optional<Long> count, Optional<String> nextLink) {
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("@odata.context", context);
        count.ifPresent(c -> root.put("@odata.count", c));
        root.set("value", values);
        nextLink.ifPresent(link -> root.put("@odata.nextLink", link));
        return root;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void requireKnown(Set<String> selected, Set<String> known, String type) {
        for (String name : selected) {
            if (!known.contains(name)) {
                throw Refused.invalid("Could not find a property named '" + name + "' on type 'microsoft.graph." + type + "'.");
            }
        }
    }
}
