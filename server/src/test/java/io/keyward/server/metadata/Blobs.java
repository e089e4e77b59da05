package io.keyward.server.metadata;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** FIDO MDS3 BLOB payloads for the tests (FIDO MDS3 §3.1.6), written as JSON by hand. */
public final class Blobs {

    private Blobs() {
    }

    /** A FIDO2 entry: AAGUID, description, attestation roots and status reports. */
    public static String fido2Entry(UUID aaguid, String description, List<X509Certificate> roots, String... statuses) {
        return "{\"aaguid\":\"" + aaguid + "\","
                + "\"metadataStatement\":" + statement("\"aaguid\":\"" + aaguid + "\",\"protocolFamily\":\"fido2\"", description, roots) + ","
                + statusReports(statuses) + ","
                + "\"timeOfLastStatusChange\":\"2025-01-01\"}";
    }

    /** A U2F entry, identified by attestation certificate key identifiers instead of an AAGUID. */
    public static String u2fEntry(List<String> keyIdentifiers, String description, List<X509Certificate> roots, String... statuses) {
        String ids = keyIdentifiers.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        return "{\"attestationCertificateKeyIdentifiers\":[" + ids + "],"
                + "\"metadataStatement\":" + statement("\"attestationCertificateKeyIdentifiers\":[" + ids + "],\"protocolFamily\":\"u2f\"", description, roots) + ","
                + statusReports(statuses) + ","
                + "\"timeOfLastStatusChange\":\"2025-01-01\"}";
    }

    public static String payload(int no, String... entries) {
        return "{\"legalHeader\":\"Test metadata, not from the FIDO Alliance.\",\"no\":" + no
                + ",\"nextUpdate\":\"2030-01-01\",\"entries\":[" + String.join(",", entries) + "]}";
    }

    private static String statement(String identity, String description, List<X509Certificate> roots) {
        String pem = roots.stream().map(root -> "\"" + TestPki.der64(root) + "\"").collect(Collectors.joining(","));
        return "{\"legalHeader\":\"Test\"," + identity + ",\"description\":\"" + description + "\","
                + "\"authenticatorVersion\":1,\"schema\":3,\"upv\":[{\"major\":1,\"minor\":1}],"
                + "\"attestationTypes\":[\"basic_full\"],\"attestationRootCertificates\":[" + pem + "]}";
    }

    private static String statusReports(String... statuses) {
        String reports = java.util.Arrays.stream(statuses.length == 0 ? new String[] {"FIDO_CERTIFIED_L1"} : statuses)
                .map(status -> "{\"status\":\"" + status + "\",\"effectiveDate\":\"2024-06-01\"}")
                .collect(Collectors.joining(","));
        return "\"statusReports\":[" + reports + "]";
    }
}
