package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/**
 * Groups: a page at a time, searched by name or mail address (a GET form), each with its kind and a link to its members;
 * and a new security group ({@code POST /groups}), the kind the passkey and conditional access policies can target.
 */
@Named
@RequestScoped
public class GroupsView {

    static final DirectoryQuery GROUPS = DirectoryQuery.of("/groups", "id,displayName,description,securityEnabled,mailEnabled")
            .searchIn("displayName", "mail");
    /** The group pickers of the policy pages: the first 25 groups matching what was typed. */
    static final DirectoryQuery PICKER = DirectoryQuery.of("/groups", "id,displayName,securityEnabled").searchIn("displayName", "mail").top(25);

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** One group. */
    public record GroupRow(String id, String displayName, String description, boolean securityEnabled, boolean mailEnabled)
            implements java.io.Serializable {

        public String kind() {
            return securityEnabled ? (mailEnabled ? "Mail-enabled security group" : "Security group") : mailEnabled ? "Distribution (mail) group" : "Group";
        }
    }

    private DirectoryListing<GroupRow> list;
    private String newName;
    private String newDescription;

    @PostConstruct
    void search() {
        list = DirectoryListing.read(graph, request, GROUPS, GroupsView::row);
    }

    /** Creates a security group and opens it, where members are added; Graph's refusal is shown in its words. */
    public String create() {
        String name = newName == null ? "" : newName.trim();
        if (name.isEmpty()) {
            Messages.refused("Enter the new group's name.");
            return null;
        }
        JsonObject created;
        try {
            created = graph.send("POST", "/groups", newGroup(name, newDescription), null).object();
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Created the security group " + name + ". Add its members below.");
        return Messages.redirect("/group.xhtml?faces-redirect=true&id=" + created.getString("id"));
    }

    /** A security group, not mail-enabled, as Graph's {@code POST /groups} takes it (its mail nickname from the name). */
    static JsonObject newGroup(String name, String description) {
        String nickname = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        JsonObjectBuilder body = Json.createObjectBuilder().add("displayName", name).add("securityEnabled", true).add("mailEnabled", false)
                .add("mailNickname", nickname.isEmpty() ? "group" : nickname);
        if (description != null && !description.isBlank()) {
            body.add("description", description.trim());
        }
        return body.build();
    }

    static GroupRow row(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", ""), g.getString("description", ""), g.getBoolean("securityEnabled", false), g.getBoolean("mailEnabled", false));
    }

    public DirectoryListing<GroupRow> getList() { return list; }
    public String getNewName() { return newName; }
    public void setNewName(String newName) { this.newName = newName; }
    public String getNewDescription() { return newDescription; }
    public void setNewDescription(String newDescription) { this.newDescription = newDescription; }
}
