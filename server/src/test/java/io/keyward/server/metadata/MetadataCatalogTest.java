package io.keyward.server.metadata;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataCatalogTest {

    private static final UUID KEY_MODEL = UUID.fromString("2fc0579f-8113-47ea-b116-bb5a8db9202a");
    private static final UUID OTHER_MODEL = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");
    private static final UUID CHROME_VIRTUAL = UUID.fromString("01020304-0506-0708-0102-030405060708");
    private static final UUID U2F = new UUID(0, 0);

    private final TestPki.Issued mdsRoot = TestPki.root("Test MDS Root");
    private final TestPki.Issued mdsSigner = TestPki.leaf("mds.test", mdsRoot);
    private final Mds3BlobVerifier verifier = new Mds3BlobVerifier(List.of(mdsRoot.certificate()));

    private final TestPki.Issued vendorRoot = TestPki.root("Vendor Attestation Root");
    private final TestPki.Issued vendorCa = TestPki.intermediate("Vendor Attestation CA", vendorRoot);
    private final TestPki.Issued vendorLeaf = TestPki.leaf("Vendor Batch 1", vendorCa);
    private final TestPki.Issued strangerRoot = TestPki.root("Stranger Root");
    private final TestPki.Issued strangerLeaf = TestPki.leaf("Stranger Batch", strangerRoot);

    private VerifiedBlob blob(int no, String... entries) {
        String jwt = TestPki.signBlob(Blobs.payload(no, entries), mdsSigner, List.of(mdsSigner.certificate()));
        return verifier.verify(jwt.getBytes(StandardCharsets.US_ASCII));
    }

    private MetadataCatalog catalogWith(VerifiedBlob blob) {
        return MetadataCatalog.EMPTY.withBlob(blob);
    }

    @Test
    void modelsOfAnAcceptedBlobAreFoundByAaguid() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.find(KEY_MODEL)).contains(new AuthenticatorModel(KEY_MODEL, "Vendor Key", java.util.Set.of("FIDO_CERTIFIED_L1")));
        assertThat(catalog.find(OTHER_MODEL)).isEmpty();
    }

    @Test
    void blobWithLowerNumberIsRefusedAndTheCurrentOneKept() {
        MetadataCatalog current = catalogWith(blob(5, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of())));
        VerifiedBlob older = blob(4, Blobs.fido2Entry(OTHER_MODEL, "Older Key", List.of()));

        assertThatThrownBy(() -> current.withBlob(older))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessage("The metadata BLOB is number 4, not newer than the current one (number 5); it was not applied.");
        assertThat(current.blob()).get().extracting(VerifiedBlob::no).isEqualTo(5);
        assertThat(current.find(KEY_MODEL)).isPresent();
        assertThat(current.find(OTHER_MODEL)).isEmpty();
    }

    @Test
    void blobWithTheSameNumberIsRefused() {
        MetadataCatalog current = catalogWith(blob(5, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of())));

        assertThatThrownBy(() -> current.withBlob(blob(5)))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("not newer than the current one");
    }

    @Test
    void lastGoodBlobIsKeptWhenATamperedBlobIsRefused() {
        MetadataCatalog current = catalogWith(blob(5, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of())));
        String tampered = TestPki.signBlob(Blobs.payload(6), mdsSigner, List.of(mdsSigner.certificate())).replaceFirst("\\.[^.]+$", ".AAAA");

        assertThatThrownBy(() -> current.withBlob(verifier.verify(tampered.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(Refused.class);
        assertThat(current.blob()).get().extracting(VerifiedBlob::no).isEqualTo(5);
        assertThat(current.find(KEY_MODEL)).map(AuthenticatorModel::description).contains("Vendor Key");
    }

    @Test
    void adminDefinedMetadataOverridesTheMdsEntryForTheSameAaguid() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))))
                .withAdminStatements(List.of(new AdminMetadataStatement(KEY_MODEL, "Our Vendor Key (pilot)", List.of(strangerRoot.certificate()), List.of())));

        assertThat(catalog.find(KEY_MODEL)).map(AuthenticatorModel::description).contains("Our Vendor Key (pilot)");
        assertThat(catalog.trusts(KEY_MODEL, List.of(strangerLeaf.certificate()), Instant.now())).isTrue();
        assertThat(catalog.trusts(KEY_MODEL, List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isFalse();
    }

    @Test
    void adminDefinedMetadataDoesNotHideAnMdsRevocation() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(), "FIDO_CERTIFIED_L1", "REVOKED")))
                .withAdminStatements(List.of(new AdminMetadataStatement(KEY_MODEL, "Our Vendor Key", List.of(), List.of())));

        assertThat(catalog.find(KEY_MODEL)).get().satisfies(model -> assertThat(model.compromised()).isTrue());
    }

    @Test
    void chainToTheListedRootThroughAnIntermediateIsTrusted() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(KEY_MODEL, List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isTrue();
        assertThat(catalog.trusts(KEY_MODEL, List.of(vendorLeaf.certificate(), vendorCa.certificate(), vendorRoot.certificate()), Instant.now())).isTrue();
    }

    @Test
    void chainToAnotherRootIsNotTrusted() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(KEY_MODEL, List.of(strangerLeaf.certificate()), Instant.now())).isFalse();
    }

    @Test
    void chainMissingItsIntermediateIsNotTrusted() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(KEY_MODEL, List.of(vendorLeaf.certificate()), Instant.now())).isFalse();
    }

    @Test
    void chainIsTrustedOnlyForTheAaguidWhoseMetadataListsItsRoot() {
        MetadataCatalog catalog = catalogWith(blob(1,
                Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate())),
                Blobs.fido2Entry(OTHER_MODEL, "Other Key", List.of(strangerRoot.certificate()))));

        assertThat(catalog.trusts(OTHER_MODEL, List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isFalse();
        assertThat(catalog.trusts(UUID.randomUUID(), List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isFalse();
    }

    @Test
    void expiredAttestationCertificateIsNotTrusted() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(KEY_MODEL, List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now().plusSeconds(400L * 86400))).isFalse();
    }

    @Test
    void selfSignedBatchCertificateIsTrustedByItsAdminTrustedKey() {
        KeyPair virtualAuthenticatorKey = TestPki.ecKeyPair();
        MetadataCatalog catalog = MetadataCatalog.EMPTY.withAdminStatements(List.of(new AdminMetadataStatement(CHROME_VIRTUAL,
                "Chrome virtual authenticator", List.of(), List.of(virtualAuthenticatorKey.getPublic()))));

        // Chrome re-issues the "Batch Certificate" for every credential, always with the same key.
        assertThat(catalog.trusts(CHROME_VIRTUAL, List.of(TestPki.selfSignedLeaf("Batch Certificate", virtualAuthenticatorKey)), Instant.now())).isTrue();
        assertThat(catalog.trusts(CHROME_VIRTUAL, List.of(TestPki.selfSignedLeaf("Batch Certificate", virtualAuthenticatorKey)), Instant.now())).isTrue();
        assertThat(catalog.find(CHROME_VIRTUAL)).map(AuthenticatorModel::description).contains("Chrome virtual authenticator");
    }

    @Test
    void selfSignedCertificateWithAnotherKeyIsNotTrusted() {
        MetadataCatalog catalog = MetadataCatalog.EMPTY.withAdminStatements(List.of(new AdminMetadataStatement(CHROME_VIRTUAL,
                "Chrome virtual authenticator", List.of(), List.of(TestPki.ecKeyPair().getPublic()))));

        assertThat(catalog.trusts(CHROME_VIRTUAL, List.of(TestPki.selfSignedLeaf("Batch Certificate", TestPki.ecKeyPair())), Instant.now())).isFalse();
    }

    @Test
    void u2fAttestationIsTrustedByItsKeyIdentifier() {
        String keyIdentifier = AttestationChains.keyIdentifier(vendorLeaf.certificate());
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.u2fEntry(List.of(keyIdentifier.toUpperCase()), "Vendor U2F Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(U2F, List.of(vendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isTrue();
        assertThat(catalog.find(U2F)).isEmpty();
    }

    @Test
    void u2fAttestationWithAnUnlistedKeyIdentifierIsNotTrusted() {
        TestPki.Issued otherVendorLeaf = TestPki.leaf("Vendor Batch 2", vendorCa);
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.u2fEntry(List.of(AttestationChains.keyIdentifier(vendorLeaf.certificate())),
                "Vendor U2F Key", List.of(vendorRoot.certificate()))));

        assertThat(catalog.trusts(U2F, List.of(otherVendorLeaf.certificate(), vendorCa.certificate()), Instant.now())).isFalse();
    }

    @Test
    void everyCompromisedStatusMarksTheModelCompromised() {
        for (String status : AuthenticatorModel.COMPROMISED) {
            MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(), "FIDO_CERTIFIED_L1", status)));

            assertThat(catalog.find(KEY_MODEL)).as(status).get().satisfies(model -> assertThat(model.compromised()).isTrue());
        }
    }

    @Test
    void certifiedAndUpdateStatusesAreNotCompromised() {
        MetadataCatalog catalog = catalogWith(blob(1, Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(),
                "FIDO_CERTIFIED_L1", "UPDATE_AVAILABLE", "SELF_ASSERTION_SUBMITTED")));

        assertThat(catalog.find(KEY_MODEL)).get().satisfies(model -> assertThat(model.compromised()).isFalse());
    }

    @Test
    void importReportsTheAaguidsItNewlyMarksCompromised() {
        MetadataCatalog current = catalogWith(blob(1,
                Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of()),
                Blobs.fido2Entry(OTHER_MODEL, "Other Key", List.of(), "USER_VERIFICATION_BYPASS")));
        VerifiedBlob next = blob(2,
                Blobs.fido2Entry(KEY_MODEL, "Vendor Key", List.of(), "FIDO_CERTIFIED_L1", "ATTESTATION_KEY_COMPROMISE"),
                Blobs.fido2Entry(OTHER_MODEL, "Other Key", List.of(), "USER_VERIFICATION_BYPASS"));

        assertThat(current.newlyCompromisedBy(next)).containsExactly(KEY_MODEL);
        assertThat(MetadataCatalog.EMPTY.newlyCompromisedBy(next)).containsExactlyInAnyOrder(KEY_MODEL, OTHER_MODEL);
    }

    @Test
    void emptyCatalogKnowsNoModelAndTrustsNothing() {
        assertThat(MetadataCatalog.EMPTY.find(KEY_MODEL)).isEmpty();
        assertThat(MetadataCatalog.EMPTY.trusts(KEY_MODEL, List.of(vendorLeaf.certificate()), Instant.now())).isFalse();
        assertThat(MetadataCatalog.EMPTY.trusts(KEY_MODEL, List.of(), Instant.now())).isFalse();
        assertThat(MetadataCatalog.of(Optional.empty(), List.of()).blob()).isEmpty();
    }
}
