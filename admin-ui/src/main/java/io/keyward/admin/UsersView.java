package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;

/** Users: a page at a time, searched by name or account name (a GET form, so a search is a link). */
@Named
@RequestScoped
public class UsersView {

    static final DirectoryQuery USERS = DirectoryQuery.of("/users", "id,displayName,userPrincipalName,accountEnabled,userType")
            .searchIn("displayName", "userPrincipalName");

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** One row of the list. */
    public record UserRow(String id, String displayName, String userPrincipalName, boolean accountEnabled, String userType) implements Serializable {
    }

    private DirectoryListing<UserRow> list;

    @PostConstruct
    void search() {
        list = DirectoryListing.read(graph, request, USERS, UsersView::row);
    }

    static UserRow row(JsonObject u) {
        return new UserRow(u.getString("id"), u.getString("displayName", ""), u.getString("userPrincipalName", ""),
                u.getBoolean("accountEnabled", true), u.getString("userType", "Member"));
    }

    public DirectoryListing<UserRow> getList() { return list; }
}
