package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

/** Groups: a page at a time, searched by name or mail address (a GET form), each with its kind and a link to its members. */
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

    @PostConstruct
    void search() {
        list = DirectoryListing.read(graph, request, GROUPS, GroupsView::row);
    }

    static GroupRow row(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", ""), g.getString("description", ""), g.getBoolean("securityEnabled", false), g.getBoolean("mailEnabled", false));
    }

    public DirectoryListing<GroupRow> getList() { return list; }
}
