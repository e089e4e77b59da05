package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.metadata.AdminMetadata;
import io.keyward.server.metadata.AdminMetadataStatement;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.metadata.AuthenticatorModel;
import io.keyward.server.metadata.BlobImport;
import io.keyward.server.metadata.MetadataBlobs;
import io.keyward.server.metadata.Pem;
import io.keyward.server.passkey.PasskeyService;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.keyward.server.token.GraphPermission.*;

/**
 * Keyward extension {@code /keyward/metadata}: import a FIDO MDS3 BLOB (verified offline; a bad one is refused and
 * the last good one kept; passkeys of models it newly reports compromised are flagged), define metadata for
 * custom AAGUIDs with their own attestation roots or trusted keys, and look models up. docs/metadata.md.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/keyward/metadata")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    @Inject
    MetadataBlobs blobs;

    @Inject
    AdminMetadata admin;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    PasskeyService passkeys;

    @Inject
    GraphRequest request;

    @Inject
    KeywardConfig config;

    /** The BLOB as downloaded (the compact JWS text), in the body as is. */
    @POST
    @Path("blob")
    @Consumes(MediaType.WILDCARD)
    @RequiresAnyOf(POLICY_READWRITE_AUTHENTICATIONMETHOD)
    @Transactional
    public Response importBlob(InputStream body) {
        byte[] blob;
        try {
            blob = body.readNBytes(10_485_761);
        } catch (IOException e) {
            throw Refused.invalid("The metadata BLOB could not be read: " + e.getMessage());
        }
        if (blob.length > 10_485_760) {
            throw new Refused(ReasonCode.PAYLOAD_TOO_LARGE, "The metadata BLOB is larger than 10 MiB.");
        }
        BlobImport imported = blobs.importBlob(new String(blob, java.nio.charset.StandardCharsets.US_ASCII).strip()
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII), request.caller().actor());
        int flagged = passkeys.flagModels(imported.newlyCompromised(), ReasonCode.AUTHENTICATOR_COMPROMISED.code());
        ObjectNode json = GraphJson.MAPPER.createObjectNode();
        json.put("no", imported.no());
        json.put("nextUpdate", imported.nextUpdate().toString());
        json.put("entryCount", imported.entryCount());
        json.put("importedDateTime", GraphEntities.time(imported.importedAt()));
        imported.previousNo().ifPresent(no -> json.put("previousNo", no));
        ArrayNode compromised = json.putArray("newlyCompromisedAaGuids");
        imported.newlyCompromised().forEach(a -> compromised.add(a.toString()));
        json.put("flaggedPasskeys", flagged);
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("blob")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response currentBlob() {
        var current = blobs.current().orElseThrow(() -> Refused.notFound("metadata BLOB", "current"));
        ObjectNode json = GraphJson.MAPPER.createObjectNode();
        json.put("no", current.no());
        json.put("nextUpdate", current.nextUpdate().toString());
        json.put("entryCount", current.entryCount());
        json.put("importedDateTime", GraphEntities.time(current.importedAt()));
        json.put("importedBy", current.importedBy());
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("statements")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response statements() {
        ArrayNode values = GraphJson.MAPPER.createArrayNode();
        admin.list().forEach(s -> values.add(json(s)));
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.set("value", values);
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("statements/{aaguid}")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response statement(@PathParam("aaguid") String aaguid) {
        UUID id = aaguid(aaguid);
        return Response.ok(json(admin.find(id).orElseThrow(() -> Refused.notFound("authenticator metadata", aaguid))).toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Defines (or replaces) metadata for an AAGUID: {@code aaGuid}, {@code description}, and
     * {@code attestationRootCertificates} (PEM or base64 DER certificates) and/or {@code trustedAttestationPublicKeys}
     * (PEM keys or certificates, or base64 DER SubjectPublicKeyInfo).
     */
    @POST
    @Path("statements")
    @RequiresAnyOf(POLICY_READWRITE_AUTHENTICATIONMETHOD)
    public Response define(InputStream body) {
        JsonFields fields = new JsonFields(GraphJson.readObject(body, config.maxRequestBytes(), "authenticatorMetadata"), "authenticatorMetadata")
                .allowOnly(Set.of("aaGuid", "description", "attestationRootCertificates", "trustedAttestationPublicKeys"), Set.of());
        UUID id = aaguid(fields.requiredString("aaGuid"));
        List<X509Certificate> roots = new ArrayList<>();
        fields.optionalStringList("attestationRootCertificates").orElse(List.of())
                .forEach(text -> roots.addAll(Pem.certificates(asPem(text, "CERTIFICATE"))));
        List<PublicKey> keys = new ArrayList<>();
        fields.optionalStringList("trustedAttestationPublicKeys").orElse(List.of())
                .forEach(text -> keys.addAll(Pem.publicKeys(asPem(text, "PUBLIC KEY"))));
        if (roots.isEmpty() && keys.isEmpty()) {
            throw Refused.invalid("Give attestationRootCertificates, trustedAttestationPublicKeys, or both.");
        }
        AdminMetadataStatement defined = admin.define(new AdminMetadataStatement(id, fields.optionalString("description").orElse(null), roots, keys),
                request.caller().actor());
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(json(defined).toString()).build();
    }

    @DELETE
    @Path("statements/{aaguid}")
    @RequiresAnyOf(POLICY_READWRITE_AUTHENTICATIONMETHOD)
    public Response remove(@PathParam("aaguid") String aaguid) {
        admin.remove(aaguid(aaguid), request.caller().actor());
        return Response.noContent().build();
    }

    /** What Keyward knows about a model: name, status reports, whether it is treated as compromised. */
    @GET
    @Path("models/{aaguid}")
    @RequiresAnyOf({POLICY_READ_ALL, POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response model(@PathParam("aaguid") String aaguid) {
        AuthenticatorModel model = metadata.find(aaguid(aaguid)).orElseThrow(() -> Refused.notFound("authenticator model", aaguid));
        ObjectNode json = GraphJson.MAPPER.createObjectNode();
        json.put("aaGuid", model.aaguid().toString());
        json.put("description", model.description());
        ArrayNode statuses = json.putArray("statusReports");
        model.statusReports().forEach(statuses::add);
        json.put("isCompromised", model.compromised());
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static ObjectNode json(AdminMetadataStatement s) {
        ObjectNode node = GraphJson.MAPPER.createObjectNode();
        node.put("aaGuid", s.aaguid().toString());
        node.put("description", s.description());
        node.put("attestationRootCertificates", Pem.certificatesToPem(s.attestationRoots()));
        node.put("trustedAttestationPublicKeys", Pem.publicKeysToPem(s.trustedKeys()));
        return node;
    }

    private static String asPem(String text, String label) {
        if (text.contains("-----BEGIN")) {
            return text;
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.replace('-', '+').replace('_', '/'));
            return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is neither PEM nor base64 DER.");
        }
    }

    private static UUID aaguid(String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refused.invalid("'" + value + "' is not an AAGUID (a GUID such as 01020304-0506-0708-0102-030405060708).");
    }
}
