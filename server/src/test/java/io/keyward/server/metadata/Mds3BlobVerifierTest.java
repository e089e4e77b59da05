package io.keyward.server.metadata;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Mds3BlobVerifierTest {

    private static final UUID KEY_MODEL = UUID.fromString("2fc0579f-8113-47ea-b116-bb5a8db9202a");

    private final TestPki.Issued mdsRoot = TestPki.root("Test MDS Root");
    private final TestPki.Issued mdsCa = TestPki.intermediate("Test MDS CA", mdsRoot);
    private final TestPki.Issued mdsSigner = TestPki.leaf("mds.test", mdsCa);
    private final TestPki.Issued attestationRoot = TestPki.root("Test Attestation Root");
    private final Mds3BlobVerifier verifier = new Mds3BlobVerifier(List.of(mdsRoot.certificate()));

    private String blob(int no, String... entries) {
        return TestPki.signBlob(Blobs.payload(no, entries), mdsSigner, List.of(mdsSigner.certificate(), mdsCa.certificate()));
    }

    private static byte[] bytes(String jwt) {
        return jwt.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void validBlobIsAcceptedWithItsEntries() {
        String jwt = blob(7, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of(attestationRoot.certificate()), "FIDO_CERTIFIED_L2"));

        VerifiedBlob verified = verifier.verify(bytes(jwt + "\n"));

        assertThat(verified.no()).isEqualTo(7);
        assertThat(verified.nextUpdate()).hasToString("2030-01-01");
        assertThat(verified.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.aaguid()).contains(KEY_MODEL);
            assertThat(entry.description()).isEqualTo("Test Key 5");
            assertThat(entry.statusReports()).containsExactly("FIDO_CERTIFIED_L2");
            assertThat(entry.attestationRoots()).containsExactly(attestationRoot.certificate());
        });
    }

    @Test
    void tamperedPayloadIsRefused() {
        String jwt = blob(7, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of(attestationRoot.certificate())));
        String[] parts = jwt.split("\\.");
        String otherPayload = TestPki.b64url(Blobs.payload(8, Blobs.fido2Entry(KEY_MODEL, "Evil Key", List.of())).getBytes());

        assertThatThrownBy(() -> verifier.verify(bytes(parts[0] + "." + otherPayload + "." + parts[2])))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void tamperedSignatureIsRefused() {
        String jwt = blob(7, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of(attestationRoot.certificate())));
        String[] parts = jwt.split("\\.");
        byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 0x01;

        assertThatThrownBy(() -> verifier.verify(bytes(parts[0] + "." + parts[1] + "." + TestPki.b64url(signature))))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void blobSignedUnderAnotherRootIsRefused() {
        TestPki.Issued otherRoot = TestPki.root("Someone Else's Root");
        TestPki.Issued otherSigner = TestPki.leaf("mds.test", otherRoot);
        String jwt = TestPki.signBlob(Blobs.payload(7, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of())),
                otherSigner, List.of(otherSigner.certificate()));

        assertThatThrownBy(() -> verifier.verify(bytes(jwt)))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessageContaining("certificate chain does not lead to the configured root");
    }

    @Test
    void textThatIsNotAJwsIsRefused() {
        assertThatThrownBy(() -> verifier.verify(bytes("{\"no\": 1}")))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessageContaining("not a FIDO MDS3 BLOB");
    }

    @Test
    void storedBlobReadsBackTheSameEntries() {
        VerifiedBlob verified = verifier.verify(bytes(blob(3, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of(attestationRoot.certificate())))));

        VerifiedBlob stored = Mds3BlobVerifier.readStored(verified.jwt());

        assertThat(stored.no()).isEqualTo(3);
        assertThat(stored.entries()).isEqualTo(verified.entries());
    }

    @Test
    void bundledRootIsGlobalSignRootCaR3() throws Exception {
        var root = Mds3BlobVerifier.fidoAllianceRoot();

        String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=GlobalSign,O=GlobalSign,OU=GlobalSign Root CA - R3");
        assertThat(sha256).isEqualTo("CB:B5:22:D7:B7:F1:27:AD:6A:01:13:86:5B:DF:1C:D4:10:2E:7D:07:59:AF:63:5A:7C:F4:72:0D:C9:63:C5:3B");
    }

    @Test
    void blobSignedUnderTheTestRootIsRefusedByTheDefaultFidoAllianceRoot() {
        String jwt = blob(7, Blobs.fido2Entry(KEY_MODEL, "Test Key 5", List.of()));

        assertThatThrownBy(() -> Mds3BlobVerifier.forRoot(Optional.empty()).verify(bytes(jwt)))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("does not lead to the configured root");
    }
}
