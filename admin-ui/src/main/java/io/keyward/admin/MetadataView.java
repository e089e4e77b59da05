package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.Part;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Metadata: the FIDO MDS3 BLOB Keyward trusts (import a new one by upload, its number, next update and import date),
 * the models in use that metadata reports compromised, and the models an administrator defined with their attestation
 * roots (list, define, remove). Graph {@code /beta/keyward/metadata/…}, as {@code ./keyward import-metadata} uses.
 */
@Named
@ViewScoped
public class MetadataView implements Serializable {

    static final String IMPORTED_FLASH = "importedBlob";
    static final int MAX_BLOB_BYTES = 10 * 1024 * 1024;

    @Inject
    transient Graph graph;

    /** The BLOB in use. */
    public record Blob(long no, String nextUpdate, String importedDateTime, String importedBy, long entryCount) implements Serializable {
    }

    /** A model in use that metadata reports compromised, with its status reports. */
    public record CompromisedModel(String aaguid, String description, String statusReports) implements Serializable {
    }

    /** An administrator-defined model: its attestation roots (subject, valid until) and trusted keys. */
    public record DefinedModel(String aaguid, String description, List<String> roots, int trustedKeys) implements Serializable {
    }

    private Blob blob;
    private String blobError;
    private List<CompromisedModel> compromised = List.of();
    private List<DefinedModel> defined = List.of();
    private String definedError;
    private String compromisedError;
    private transient Part upload;
    private String newAaguid;
    private String newDescription;
    private String newRoots;

    @PostConstruct
    void load() {
        try {
            JsonObject b = graph.get("beta:/keyward/metadata/blob");
            blob = new Blob(b.getJsonNumber("no").longValue(), b.getString("nextUpdate", ""), b.getString("importedDateTime", ""),
                    b.getString("importedBy", ""), b.getJsonNumber("entryCount").longValue());
        } catch (GraphRefused refusal) {
            blobError = refusal.status() == 404 ? "No metadata BLOB has been imported yet: only administrator-defined models are known."
                    : Messages.words(refusal);
        }
        try {
            defined = graph.get("beta:/keyward/metadata/statements").getJsonArray("value").getValuesAs(JsonObject.class).stream()
                    .map(MetadataView::defined).toList();
        } catch (GraphRefused refusal) {
            definedError = Messages.words(refusal);
        }
        try {
            List<CompromisedModel> found = new ArrayList<>();
            for (JsonObject row : graph.get("beta:/keyward/reports/aaguidInventory?since=365d").getJsonArray("value").getValuesAs(JsonObject.class)) {
                String aaguid = row.getString("aaGuid");
                try {
                    JsonObject model = graph.get("beta:/keyward/metadata/models/" + aaguid);
                    if (model.getBoolean("isCompromised", false)) {
                        found.add(new CompromisedModel(aaguid, model.getString("description", "Unknown model"), String.join(", ",
                                model.getJsonArray("statusReports").getValuesAs(JsonValue.class).stream()
                                        .map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList())));
                    }
                } catch (GraphRefused unknownModel) {
                    // a model without metadata cannot be reported compromised
                }
            }
            compromised = List.copyOf(found);
        } catch (GraphRefused refusal) {
            compromisedError = "Listing the models in use needs a role that reads reports. " + Messages.words(refusal);
        }
    }

    private static DefinedModel defined(JsonObject s) {
        List<String> roots = new ArrayList<>();
        String pem = s.getString("attestationRootCertificates", "");
        if (!pem.isBlank()) {
            try {
                Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                for (java.security.cert.Certificate c : certificates) {
                    X509Certificate x = (X509Certificate) c;
                    roots.add(x.getSubjectX500Principal().getName() + " (valid until " + x.getNotAfter().toInstant().toString().substring(0, 10) + ")");
                }
            } catch (CertificateException unreadable) {
                roots.add("(certificates Keyward returned that this page cannot read)");
            }
        }
        String keys = s.getString("trustedAttestationPublicKeys", "");
        int keyCount = keys.isBlank() ? 0 : keys.split("-----BEGIN PUBLIC KEY-----", -1).length - 1;
        return new DefinedModel(s.getString("aaGuid"), s.getString("description", ""), List.copyOf(roots), keyCount);
    }

    /** Imports the uploaded BLOB (the compact JWS text as downloaded from the FIDO Alliance). */
    public String importBlob() {
        if (upload == null || upload.getSize() == 0) {
            Messages.refused("Choose the BLOB file (blob.jwt) to import.");
            return null;
        }
        if (upload.getSize() > MAX_BLOB_BYTES) {
            Messages.refused("The file is larger than 10 MiB: that is not a metadata BLOB.");
            return null;
        }
        byte[] bytes;
        try (InputStream in = upload.getInputStream()) {
            bytes = in.readNBytes(MAX_BLOB_BYTES);
        } catch (IOException e) {
            Messages.refused("The file could not be read: " + e.getMessage());
            return null;
        }
        JsonObject imported;
        try {
            imported = graph.sendBytes("POST", "beta:/keyward/metadata/blob", bytes, "application/jose").object();
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        int newlyCompromised = imported.getJsonArray("newlyCompromisedAaGuids").size();
        Messages.done("Imported metadata BLOB no. " + imported.getJsonNumber("no").longValue() + " (" + imported.getJsonNumber("entryCount").longValue()
                + " models, next update " + imported.getString("nextUpdate", "") + "). " + newlyCompromised
                + (newlyCompromised == 1 ? " model is" : " models are") + " newly reported compromised; "
                + imported.getJsonNumber("flaggedPasskeys").longValue() + " passkeys of them were flagged.");
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put(IMPORTED_FLASH, String.join(", ",
                imported.getJsonArray("newlyCompromisedAaGuids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
        return Messages.redirect("/metadata.xhtml?faces-redirect=true");
    }

    /** Defines (or replaces) a model with its attestation root certificates (PEM). */
    public String define() {
        String aaguid = newAaguid == null ? "" : newAaguid.trim().toLowerCase(java.util.Locale.ROOT);
        if (!ModelNames.AAGUID.matcher(aaguid).matches()) {
            Messages.refused("'" + aaguid + "' is not an AAGUID (8-4-4-4-12 hexadecimal digits, as 01020304-0506-0708-0102-030405060708).");
            return null;
        }
        JsonArrayBuilder roots = Json.createArrayBuilder();
        if (newRoots != null && !newRoots.isBlank()) {
            roots.add(newRoots.trim());
        }
        try {
            graph.send("POST", "beta:/keyward/metadata/statements", Json.createObjectBuilder().add("aaGuid", aaguid)
                    .add("description", newDescription == null ? "" : newDescription.trim()).add("attestationRootCertificates", roots).build(), null);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            return null;
        }
        Messages.done("Defined the model " + aaguid + ". Passkeys of it registered with an attestation from these roots are attested.");
        return Messages.redirect("/metadata.xhtml?faces-redirect=true");
    }

    public String remove(DefinedModel model) {
        try {
            graph.send("DELETE", "beta:/keyward/metadata/statements/" + model.aaguid(), null, null);
            Messages.done("Removed the model " + model.aaguid() + " you defined.");
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
        }
        return Messages.redirect("/metadata.xhtml?faces-redirect=true");
    }

    public Blob getBlob() { return blob; }
    public String getBlobError() { return blobError; }
    public List<CompromisedModel> getCompromised() { return compromised; }
    public List<DefinedModel> getDefined() { return defined; }
    public String getDefinedError() { return definedError; }
    public String getCompromisedError() { return compromisedError; }
    public Part getUpload() { return upload; }
    public void setUpload(Part upload) { this.upload = upload; }
    public String getNewAaguid() { return newAaguid; }
    public void setNewAaguid(String newAaguid) { this.newAaguid = newAaguid; }
    public String getNewDescription() { return newDescription; }
    public void setNewDescription(String newDescription) { this.newDescription = newDescription; }
    public String getNewRoots() { return newRoots; }
    public void setNewRoots(String newRoots) { this.newRoots = newRoots; }
}
