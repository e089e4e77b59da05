package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Locale;

/** Users: search by name or account name (a GET form, so a search is a link). */
@Named
@RequestScoped
public class UsersView {

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** One row of the list. */
    public record UserRow(String id, String displayName, String userPrincipalName, boolean accountEnabled, String userType) {
    }

    private List<UserRow> users = List.of();
    private String query = "";
    private String error;

    @PostConstruct
    void search() {
        query = request.getParameter("q") == null ? "" : request.getParameter("q").trim();
        String needle = query.toLowerCase(Locale.ROOT);
        try {
            users = graph.list("/users?$select=id,displayName,userPrincipalName,accountEnabled,userType").stream().map(UsersView::row)
                    .filter(u -> needle.isEmpty() || u.displayName().toLowerCase(Locale.ROOT).contains(needle)
                            || u.userPrincipalName().toLowerCase(Locale.ROOT).contains(needle))
                    .limit(200).toList();
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
        }
    }

    static UserRow row(JsonObject u) {
        return new UserRow(u.getString("id"), u.getString("displayName", ""), u.getString("userPrincipalName", ""),
                u.getBoolean("accountEnabled", true), u.getString("userType", "Member"));
    }

    public List<UserRow> getUsers() { return users; }
    public String getQuery() { return query; }
    public String getError() { return error; }
}
