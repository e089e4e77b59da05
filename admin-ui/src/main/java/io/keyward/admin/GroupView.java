package io.keyward.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.Serializable;
import java.util.List;

/** A group and its members: add a user by account name, remove a member (roles that manage group members). */
@Named
@ViewScoped
public class GroupView implements Serializable {

    @Inject
    transient Graph graph;

    /** A member: a user (with account name) or a nested group. */
    public record MemberRow(String id, String displayName, String userPrincipalName, boolean group) implements Serializable {
    }

    private String id;
    private GroupsView.GroupRow group;
    private List<MemberRow> members = List.of();
    private String error;
    private String membersError;
    private String newMember;

    /** Loads the group named by the {@code id} view parameter. */
    public void load() {
        if (group != null || id == null) {
            return;
        }
        try {
            group = GroupsView.row(graph.get("/groups/" + Graph.encode(id) + "?$select=id,displayName,description,securityEnabled,mailEnabled"));
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
            return;
        }
        try {
            members = graph.list("/groups/" + Graph.encode(id) + "/members?$select=id,displayName,userPrincipalName").stream()
                    .map(m -> new MemberRow(m.getString("id"), m.getString("displayName", ""), m.getString("userPrincipalName", ""),
                            "#microsoft.graph.group".equals(m.getString("@odata.type", "")))).toList();
        } catch (GraphRefused refusal) {
            membersError = Messages.words(refusal);
        }
    }

    /** Adds the user with this account name (or object id) as a member: {@code POST /groups/{id}/members/$ref}. */
    public String addMember() {
        String name = newMember == null ? "" : newMember.trim();
        if (name.isEmpty()) {
            Messages.refused("Enter the account name of the user to add, as name@domain.");
            return null;
        }
        JsonObject user;
        try {
            user = graph.get("/users/" + Graph.encode(name) + "?$select=id,userPrincipalName");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal.status() == 404 ? "There is no user with the account name " + name + ". (" + refusal.code() + ")"
                    : Messages.words(refusal));
            return null;
        }
        try {
            graph.send("POST", "/groups/" + Graph.encode(id) + "/members/$ref", Json.createObjectBuilder()
                    .add("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + user.getString("id")).build(), null);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Added " + user.getString("userPrincipalName", name) + " to the group.");
        return self();
    }

    /** Removes a member: {@code DELETE /groups/{id}/members/{memberId}/$ref}. */
    public String removeMember(MemberRow member) {
        try {
            graph.send("DELETE", "/groups/" + Graph.encode(id) + "/members/" + Graph.encode(member.id()) + "/$ref", null, null);
            Messages.done("Removed " + (member.userPrincipalName().isEmpty() ? member.displayName() : member.userPrincipalName()) + " from the group.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return self();
    }

    private String self() {
        return Messages.redirect("/group.xhtml?faces-redirect=true&id=" + Graph.encode(id));
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public GroupsView.GroupRow getGroup() { return group; }
    public List<MemberRow> getMembers() { return members; }
    public String getError() { return error; }
    public String getMembersError() { return membersError; }
    public String getNewMember() { return newMember; }
    public void setNewMember(String newMember) { this.newMember = newMember; }
}
