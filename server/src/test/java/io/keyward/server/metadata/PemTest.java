package io.keyward.server.metadata;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTest {

    @Test
    void certificatesAndKeysSurviveARoundTrip() {
        TestPki.Issued root = TestPki.root("Root");
        var key = TestPki.ecKeyPair().getPublic();

        assertThat(Pem.certificates(Pem.certificatesToPem(List.of(root.certificate())))).containsExactly(root.certificate());
        assertThat(Pem.publicKeys(Pem.publicKeysToPem(List.of(key)))).containsExactly(key);
    }

    @Test
    void aCertificateCanBePastedWhereATrustedKeyIsExpected() {
        TestPki.Issued root = TestPki.root("Root");

        assertThat(Pem.publicKeys(Pem.certificatesToPem(List.of(root.certificate())))).containsExactly(root.certificate().getPublicKey());
    }

    @Test
    void textOutsidePemBlocksIsRefused() {
        assertThatThrownBy(() -> Pem.certificates("not a certificate"))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessageContaining("Unexpected text outside PEM blocks");
    }

    @Test
    void aPublicKeyWhereACertificateIsExpectedIsRefused() {
        String keyPem = Pem.publicKeysToPem(List.of(TestPki.ecKeyPair().getPublic()));

        assertThatThrownBy(() -> Pem.certificates(keyPem)).isInstanceOf(Refused.class).hasMessageContaining("found 'PUBLIC KEY'");
    }

    @Test
    void adminMetadataForTheZeroAaguidIsRefused() {
        assertThatThrownBy(() -> AdminMetadataStatement.fromPem(new UUID(0, 0), "U2F", "", ""))
                .isInstanceOf(Refused.class).hasMessageContaining("all-zero AAGUID");
    }

    @Test
    void adminMetadataWithoutDescriptionIsRefused() {
        assertThatThrownBy(() -> AdminMetadataStatement.fromPem(UUID.randomUUID(), " ", "", ""))
                .isInstanceOf(Refused.class).hasMessageContaining("needs a description");
    }
}
