package io.keyward.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.List;

/**
 * A user: their account, enabling or disabling it, their passkeys (model, AAGUID, attestation, type, the UPN they were
 * registered under, flags) with delete, and a Temporary Access Pass issued here and shown once.
 */
@Named
@ViewScoped
public class UserView implements Serializable {

    static final String TAP_FLASH = "issuedTemporaryAccessPass";

    @Inject
    transient Graph graph;

    /** A passkey as the page lists it. */
    public record PasskeyRow(String id, String displayName, String model, String aaguid, String attestationLevel, String passkeyType,
                             String createdDateTime, String lastUsedDateTime, String registeredUserPrincipalName,
                             boolean previousUserPrincipalName, String suspectReason) implements Serializable {
    }

    private String id;
    private UsersView.UserRow user;
    private List<PasskeyRow> passkeys = List.of();
    private String error;
    private String passkeysError;
    private String newUserPrincipalName;

    /** Loads the user named by the {@code id} view parameter. */
    public void load() {
        if (user != null || id == null) {
            return;
        }
        try {
            user = UsersView.row(graph.get("/users/" + Graph.encode(id) + "?$select=id,displayName,userPrincipalName,accountEnabled,userType"));
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
            return;
        }
        try {
            passkeys = graph.list("/users/" + Graph.encode(id) + "/authentication/fido2Methods").stream().map(UserView::passkey).toList();
        } catch (GraphRefused refusal) {
            passkeysError = Messages.words(refusal);
        }
    }

    private static PasskeyRow passkey(JsonObject m) {
        return new PasskeyRow(m.getString("id"), text(m, "displayName"), text(m, "model"), text(m, "aaGuid"), text(m, "attestationLevel"),
                text(m, "passkeyType"), text(m, "createdDateTime"), text(m, "lastUsedDateTime"), text(m, "registeredUserPrincipalName"),
                m.getBoolean("isRegisteredUnderPreviousUserPrincipalName", false), text(m, "suspectReason"));
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : v == null || v == JsonValue.NULL ? "" : v.toString();
    }

    public String setAccountEnabled(boolean enabled) {
        try {
            graph.send("PATCH", "/users/" + Graph.encode(id), Json.createObjectBuilder().add("accountEnabled", enabled).build(), null);
            Messages.done(enabled ? "Enabled the account: the user can sign in again." : "Disabled the account: the user cannot sign in, and their sessions ended.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return self();
    }

    /**
     * Changes the account name (UPN). Keyward refuses a name that is taken, malformed or on a domain it does not have,
     * each with its reason; the refusal is shown with the name kept in the field. Passkeys keep working under the new
     * name (they show the name they were registered under).
     */
    public String changeUserPrincipalName() {
        String name = newUserPrincipalName == null ? "" : newUserPrincipalName.trim();
        if (name.isEmpty()) {
            Messages.refused("Enter the new account name, as name@domain.");
            return null;
        }
        try {
            graph.send("PATCH", "/users/" + Graph.encode(id), Json.createObjectBuilder().add("userPrincipalName", name).build(), null);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Changed the account name to " + name + ". The user signs in with it from now on; their passkeys keep working.");
        return self();
    }

    public String deletePasskey(PasskeyRow passkey) {
        try {
            graph.send("DELETE", "/users/" + Graph.encode(id) + "/authentication/fido2Methods/" + Graph.encode(passkey.id()), null, null);
            Messages.done("Deleted the passkey '" + passkey.displayName() + "'. It can no longer sign in.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return self();
    }

    /** Issues a one-time pass valid 60 minutes; the page after the redirect shows it once (flash), Keyward keeps only its hash. */
    public String issueTemporaryAccessPass() {
        try {
            JsonObject pass = graph.send("POST", "/users/" + Graph.encode(id) + "/authentication/temporaryAccessPassMethods",
                    Json.createObjectBuilder().add("lifetimeInMinutes", 60).add("isUsableOnce", true).build(), null).object();
            FacesContext.getCurrentInstance().getExternalContext().getFlash().put(TAP_FLASH, pass.getString("temporaryAccessPass"));
            Messages.done("Issued a Temporary Access Pass, usable once within 60 minutes. It is shown only now: give it to the user.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return self();
    }

    private String self() {
        return Messages.redirect("/user.xhtml?faces-redirect=true&id=" + Graph.encode(id));
    }

    public String getNewUserPrincipalName() { return newUserPrincipalName; }
    public void setNewUserPrincipalName(String newUserPrincipalName) { this.newUserPrincipalName = newUserPrincipalName; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public UsersView.UserRow getUser() { return user; }
    public List<PasskeyRow> getPasskeys() { return passkeys; }
    public String getError() { return error; }
    public String getPasskeysError() { return passkeysError; }
}
