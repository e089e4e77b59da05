package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Locale;

/** Groups: search by name (a GET form, so a search is a link), each with its kind and a link to its members. */
@Named
@RequestScoped
public class GroupsView {

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

    private List<GroupRow> groups = List.of();
    private String query = "";
    private String error;

    @PostConstruct
    void search() {
        query = request.getParameter("q") == null ? "" : request.getParameter("q").trim();
        String needle = query.toLowerCase(Locale.ROOT);
        try {
            groups = graph.list("/groups?$select=id,displayName,description,securityEnabled,mailEnabled").stream().map(GroupsView::row)
                    .filter(g -> needle.isEmpty() || g.displayName().toLowerCase(Locale.ROOT).contains(needle))
                    .limit(200).toList();
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
        }
    }

    static GroupRow row(JsonObject g) {
        return new GroupRow(g.getString("id"), g.getString("displayName", ""), g.getString("description", ""), g.getBoolean("securityEnabled", false), g.getBoolean("mailEnabled", false));
    }

    public List<GroupRow> getGroups() { return groups; }
    public String getQuery() { return query; }
    public String getError() { return error; }
}
