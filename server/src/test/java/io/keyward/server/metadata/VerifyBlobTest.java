package io.keyward.server.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyBlobTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VerifyBlob.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void printsTheEntryCountOfABlobThatVerifiesAgainstTheGivenRoot() throws Exception {
        TestPki.Issued root = TestPki.root("Test MDS Root");
        TestPki.Issued signer = TestPki.leaf("mds.test", root);
        Path blob = Files.writeString(dir.resolve("blob.jwt"), TestPki.signBlob(Blobs.payload(12,
                Blobs.fido2Entry(UUID.randomUUID(), "Key A", List.of()),
                Blobs.fido2Entry(UUID.randomUUID(), "Key B", List.of(), "REVOKED")), signer, List.of(signer.certificate())));
        Path rootPem = Files.writeString(dir.resolve("root.pem"), Pem.certificatesToPem(List.of(root.certificate())));

        assertThat(run(blob.toString(), rootPem.toString())).isZero();
        assertThat(out.toString()).contains("BLOB number 12").contains("entries: 2").contains("AAGUIDs reported compromised: 1");
    }

    @Test
    void refusesABlobThatDoesNotChainToTheFidoAllianceRoot() throws Exception {
        TestPki.Issued root = TestPki.root("Test MDS Root");
        Path blob = Files.writeString(dir.resolve("blob.jwt"), TestPki.signBlob(Blobs.payload(1), root, List.of(root.certificate())));

        assertThat(run(blob.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("Refused:").contains("does not lead to the configured root");
    }

    @Test
    void withoutArgumentsPrintsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("usage: VerifyBlob <blob.jwt> [root.pem]");
    }
}
