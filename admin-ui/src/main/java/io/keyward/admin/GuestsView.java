package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;

/**
 * Guests and invitations: the guest users (B2B), a page at a time and searched by name or email address, and inviting
 * one ({@code POST /invitations}). The redeem link the invitation answers with is shown once, on the page after the
 * redirect; Keyward sends no mail, so the administrator hands it to the guest.
 */
@Named
@ViewScoped
public class GuestsView implements Serializable {

    static final String REDEEM_FLASH = "inviteRedeemUrl";
    static final DirectoryQuery GUESTS = DirectoryQuery.of("/users", "id,displayName,userPrincipalName,mail,userType,externalUserState")
            .filter("userType eq 'Guest'").searchIn("displayName", "mail");

    @Inject
    transient Graph graph;

    @Inject
    transient HttpServletRequest request;

    /** A guest user. */
    public record GuestRow(String id, String displayName, String userPrincipalName, String mail, String state) implements Serializable {
    }

    private DirectoryListing<GuestRow> list;
    private String email;
    private String displayName;
    private String redirectUrl;

    @PostConstruct
    void load() {
        redirectUrl = AdminSettings.serverUrl().replaceAll("/+$", "") + "/myaccount";
        list = DirectoryListing.read(graph, request, GUESTS, u -> new GuestRow(u.getString("id"), u.getString("displayName", ""),
                u.getString("userPrincipalName", ""), u.getString("mail", ""), u.getString("externalUserState", "")));
    }

    /** Invites a guest; the redeem link is kept in the flash for the next page only. */
    public String invite() {
        String address = email == null ? "" : email.trim();
        if (address.isEmpty()) {
            Messages.refused("Enter the guest's email address.");
            return null;
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("invitedUserEmailAddress", address)
                .add("inviteRedirectUrl", redirectUrl == null ? "" : redirectUrl.trim()).add("sendInvitationMessage", false);
        if (displayName != null && !displayName.isBlank()) {
            body.add("invitedUserDisplayName", displayName.trim());
        }
        JsonObject invitation;
        try {
            invitation = graph.send("POST", "/invitations", body.build(), null).object();
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put(REDEEM_FLASH, invitation.getString("inviteRedeemUrl"));
        Messages.done("Invited " + address + ". Give them the link below: it is shown only now.");
        return Messages.redirect("/guests.xhtml?faces-redirect=true");
    }

    public DirectoryListing<GuestRow> getList() { return list; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getRedirectUrl() { return redirectUrl; }
    public void setRedirectUrl(String redirectUrl) { this.redirectUrl = redirectUrl; }
}
