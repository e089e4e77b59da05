package io.keyward.server.metadata;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.metadata.FidoMDS3MetadataBLOBProvider;
import com.webauthn4j.metadata.HttpClient;
import com.webauthn4j.metadata.data.MetadataBLOB;
import com.webauthn4j.metadata.data.MetadataBLOBFactory;
import com.webauthn4j.metadata.data.MetadataBLOBPayload;
import com.webauthn4j.metadata.data.MetadataBLOBPayloadEntry;
import com.webauthn4j.metadata.data.statement.MetadataStatement;
import com.webauthn4j.metadata.data.toc.StatusReport;
import com.webauthn4j.metadata.exception.MDSException;
import io.keyward.server.platform.Refused;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a FIDO MDS3 BLOB offline (FIDO MDS3 §3.2 "Metadata BLOB object processing rules", steps on the JWS
 * signature and its x5c certificate chain) with webauthn4j's {@link FidoMDS3MetadataBLOBProvider}, fed the
 * file's bytes instead of a download, against the configured root. Revocation of the BLOB's signing chain is not
 * checked: that would need the network.
 */
public final class Mds3BlobVerifier {

    /** The root the FIDO Alliance signs MDS3 BLOBs under: GlobalSign Root CA - R3 (valid until 2029-03-18). */
    public static final String FIDO_ALLIANCE_ROOT_RESOURCE = "fido-mds3-root.pem";

    private static final ObjectConverter JSON = new ObjectConverter();

    private final Set<TrustAnchor> anchors;

    public Mds3BlobVerifier(Collection<X509Certificate> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("At least one root certificate is needed to verify a FIDO MDS3 BLOB");
        }
        this.anchors = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toUnmodifiableSet());
    }

    /** A verifier for the FIDO Alliance's MDS3 root, shipped with Keyward. */
    public static Mds3BlobVerifier fidoAlliance() {
        return new Mds3BlobVerifier(List.of(fidoAllianceRoot()));
    }

    /** A verifier for the roots in a PEM file (setting {@code keyward.metadata.root-certificate}), else the FIDO Alliance root. */
    public static Mds3BlobVerifier forRoot(Optional<Path> rootPem) {
        if (rootPem.isEmpty()) {
            return fidoAlliance();
        }
        try {
            List<X509Certificate> roots = Pem.certificates(Files.readString(rootPem.get(), StandardCharsets.US_ASCII));
            if (roots.isEmpty()) {
                throw new IllegalStateException("The metadata root certificate file " + rootPem.get() + " holds no PEM CERTIFICATE");
            }
            return new Mds3BlobVerifier(roots);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata root certificate file " + rootPem.get(), e);
        } catch (Refused e) {
            throw new IllegalStateException("The metadata root certificate file " + rootPem.get() + " is not valid PEM: " + e.getMessage(), e);
        }
    }

    public static X509Certificate fidoAllianceRoot() {
        try (InputStream in = Objects.requireNonNull(Mds3BlobVerifier.class.getResourceAsStream(FIDO_ALLIANCE_ROOT_RESOURCE),
                FIDO_ALLIANCE_ROOT_RESOURCE)) {
            return Pem.certificates(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled FIDO MDS3 root certificate", e);
        }
    }

    /**
     * Verifies the BLOB's JWS signature with the leaf of its x5c header, and that chain up to a configured root.
     *
     * @throws Refused ({@code invalidRequest}) saying which check failed; nothing of a refused BLOB is returned
     */
    public VerifiedBlob verify(byte[] blob) {
        String jwt = new String(blob, StandardCharsets.US_ASCII).strip();
        HttpClient file = uri -> new HttpClient.Response(200, new ByteArrayInputStream(jwt.getBytes(StandardCharsets.US_ASCII)));
        FidoMDS3MetadataBLOBProvider provider = new FidoMDS3MetadataBLOBProvider(JSON, "file:metadata-blob.jwt", file, anchors);
        provider.setRevocationCheckEnabled(false);
        MetadataBLOB verified;
        try {
            verified = provider.provide();
        } catch (MDSException e) {
            throw Refused.invalid(refusal(e));
        } catch (RuntimeException e) {
            // Malformed input: not three base64url parts, or JSON that is not an MDS3 payload.
            throw Refused.invalid("The metadata BLOB is not a FIDO MDS3 BLOB (a JWS with a metadata payload): " + e.getMessage());
        }
        return toVerifiedBlob(verified.getPayload(), jwt);
    }

    /** Reads a BLOB this class verified before (from Keyward's own store) without verifying it again. */
    public static VerifiedBlob readStored(String jwt) {
        return toVerifiedBlob(new MetadataBLOBFactory(JSON).parse(jwt).getPayload(), jwt);
    }

    private static String refusal(MDSException e) {
        if (e.getMessage() != null && e.getMessage().contains("signature")) {
            return "The metadata BLOB's signature is invalid: the payload or signature was altered, or it was not signed "
                    + "by the certificate in its x5c header.";
        }
        Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
        return "The metadata BLOB's certificate chain does not lead to the configured root (keyward.metadata.root-certificate)"
                + (cause == null ? "." : ": " + cause.getMessage());
    }

    private static VerifiedBlob toVerifiedBlob(MetadataBLOBPayload payload, String jwt) {
        if (payload.getNo() == null || payload.getNextUpdate() == null || payload.getEntries() == null) {
            throw Refused.invalid("The metadata BLOB's payload lacks 'no', 'nextUpdate' or 'entries' (FIDO MDS3 §3.1.6).");
        }
        List<MdsEntry> entries = payload.getEntries().stream().map(Mds3BlobVerifier::toEntry).toList();
        return new VerifiedBlob(payload.getNo(), payload.getNextUpdate(), entries, jwt);
    }

    private static MdsEntry toEntry(MetadataBLOBPayloadEntry entry) {
        MetadataStatement statement = entry.getMetadataStatement();
        Set<String> keyIdentifiers = entry.getAttestationCertificateKeyIdentifiers() == null ? Set.of()
                : entry.getAttestationCertificateKeyIdentifiers().stream()
                        .map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> statuses = entry.getStatusReports() == null ? Set.of()
                : entry.getStatusReports().stream().map(StatusReport::getStatus).filter(Objects::nonNull)
                        .map(status -> status.getValue()).collect(Collectors.toSet());
        return new MdsEntry(
                Optional.ofNullable(entry.getAaguid()).map(aaguid -> aaguid.getValue()),
                keyIdentifiers,
                statement == null || statement.getDescription() == null ? "" : statement.getDescription(),
                statuses,
                statement == null || statement.getAttestationRootCertificates() == null ? List.of()
                        : statement.getAttestationRootCertificates());
    }
}
