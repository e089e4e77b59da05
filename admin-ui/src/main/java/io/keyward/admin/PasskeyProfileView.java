package io.keyward.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One passkey profile, new or existing: name, the passkey types it allows (device-bound, synced), attestation when a
 * passkey is added, and key restrictions. Passkey types and key restrictions apply at every sign-in, so a change is
 * reviewed with the lockout preview before it is saved; both go through the policy's PATCH of {@code passkeyProfiles}
 * with If-Match ({@link ReviewedPolicyChange}).
 */
@Named
@ViewScoped
public class PasskeyProfileView implements Serializable {

    @Inject
    transient Graph graph;

    private String id;
    private boolean loaded;
    private boolean isNew;
    private boolean isDefault;
    private String name = "";
    private boolean deviceBound = true;
    private boolean synced = true;
    private boolean attestationEnforced;
    private KeyRestrictionsForm restrictions = KeyRestrictionsForm.of(null);
    private List<PasskeyProfileRow> profiles = List.of();
    private ReviewedPolicyChange change;
    private String error;

    /** Loads the profile named by the {@code id} view parameter; without one the page creates a profile (with a new id). */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            Graph.Reply reply = graph.getWithEtag(ReviewedPolicyChange.POLICY);
            change = new ReviewedPolicyChange(reply.etag().orElse(null));
            profiles = PasskeyProfileRow.of(reply.object());
            isNew = id == null || id.isBlank();
            if (isNew) {
                id = UUID.randomUUID().toString();
                return;
            }
            PasskeyProfileRow profile = profiles.stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> new GraphRefused(404, "Request_ResourceNotFound", "There is no passkey profile " + id + "."));
            isDefault = profile.isDefault();
            name = profile.name();
            deviceBound = profile.deviceBound();
            synced = profile.synced();
            attestationEnforced = profile.attestationEnforced();
            restrictions = KeyRestrictionsForm.of(profile.keyRestrictions());
        } catch (GraphRefused refusal) {
            error = Messages.words(refusal);
        }
    }

    /** What stops the settings on the page from being previewed or saved, in words. */
    Optional<String> refusal() {
        if (name == null || name.isBlank()) {
            return Optional.of("Give the profile a name.");
        }
        if (!deviceBound && !synced) {
            return Optional.of("Allow at least one passkey type: device-bound, synced or both.");
        }
        return restrictions.refusal();
    }

    public void review() {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            Messages.refused(refusal.get());
            change.changed();
            return;
        }
        change.review(graph, body());
    }

    public String save() {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            Messages.refused(refusal.get());
            change.changed();
            return null;
        }
        if (!change.save(graph, body())) {
            return null;
        }
        Messages.done(isNew ? "Created the passkey profile '" + name.trim() + "'. It applies to nobody yet: tick it for an include target "
                + "on the Passkey (FIDO2) page." : "Saved the passkey profile '" + name.trim() + "'.");
        return Messages.redirect("/passkey-profiles.xhtml?faces-redirect=true");
    }

    /** The PATCH properties: every profile in the policy's order, this one as edited (a new one last), the others as loaded. */
    JsonObject body() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        profiles.forEach(p -> all.add(p.id().equals(id) ? edited() : p.json()));
        if (isNew) {
            all.add(edited());
        }
        return Json.createObjectBuilder().add("passkeyProfiles", all).build();
    }

    /** This profile as Graph takes it. */
    JsonObject edited() {
        return Json.createObjectBuilder().add("id", id).add("name", name == null ? "" : name.trim())
                .add("passkeyTypes", deviceBound && synced ? "deviceBound,synced" : deviceBound ? "deviceBound" : "synced")
                .add("attestationEnforcement", attestationEnforced ? "registrationOnly" : "disabled")
                .add("keyRestrictions", restrictions.json()).build();
    }

    public void changed() {
        change.changed();
    }

    public List<KeyRestrictionsForm.ListedModel> getListedModels() {
        return restrictions.listedModels(graph);
    }

    public String getId() { return id; }
    public void setId(String id) { if (!loaded) { this.id = id; } }
    public boolean isNew() { return isNew; }
    public boolean isDefault() { return isDefault; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isDeviceBound() { return deviceBound; }
    public void setDeviceBound(boolean deviceBound) { this.deviceBound = deviceBound; }
    public boolean isSynced() { return synced; }
    public void setSynced(boolean synced) { this.synced = synced; }
    public boolean isAttestationEnforced() { return attestationEnforced; }
    public void setAttestationEnforced(boolean attestationEnforced) { this.attestationEnforced = attestationEnforced; }
    public KeyRestrictionsForm getRestrictions() { return restrictions; }
    public String getError() { return error; }
    public LockoutPreview getLockout() { return change == null ? null : change.lockout(); }
    public boolean isReviewed() { return change != null && change.isReviewed(); }
}
