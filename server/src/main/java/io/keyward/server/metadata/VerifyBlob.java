package io.keyward.server.metadata;

import io.keyward.server.platform.Refused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Verifies a FIDO MDS3 BLOB file offline, as the server would before importing it, and prints what it holds.
 *
 * <pre>java -cp 'keyward-server/WEB-INF/classes:keyward-server/WEB-INF/lib/*' io.keyward.server.metadata.VerifyBlob blob.jwt [root.pem]</pre>
 *
 * Without {@code root.pem}, the FIDO Alliance's MDS3 root shipped with Keyward is used. Exit status 0: verified;
 * 1: refused (the reason is printed); 2: usage or unreadable file.
 */
public final class VerifyBlob {

    private VerifyBlob() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: VerifyBlob <blob.jwt> [root.pem]");
            System.exit(2);
        }
        byte[] blob;
        try {
            blob = Files.readAllBytes(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("Cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Mds3BlobVerifier verifier;
        try {
            verifier = Mds3BlobVerifier.forRoot(args.length == 2 ? Optional.of(Path.of(args[1])) : Optional.empty());
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            VerifiedBlob verified = verifier.verify(blob);
            System.out.println("Verified FIDO MDS3 BLOB number " + verified.no() + ", next update " + verified.nextUpdate());
            System.out.println("entries: " + verified.entries().size());
            System.out.println("entries with an AAGUID: " + verified.entries().stream().filter(e -> e.aaguid().isPresent()).count());
            System.out.println("AAGUIDs reported compromised: " + verified.compromisedAaguids().size());
        } catch (Refused refused) {
            System.err.println("Refused: " + refused.getMessage());
            System.exit(1);
        }
    }
}
