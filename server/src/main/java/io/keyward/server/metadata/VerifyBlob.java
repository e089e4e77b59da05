package io.keyward.server.metadata;

import io.keyward.server.platform.Refused;

import java.io.IOException;
import java.io.PrintStream;
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
        System.exit(run(args, System.out, System.err));
    }

    /** Does what {@link #main} does and returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: VerifyBlob <blob.jwt> [root.pem]");
            return 2;
        }
        byte[] blob;
        Mds3BlobVerifier verifier;
        try {
            blob = Files.readAllBytes(Path.of(args[0]));
            verifier = Mds3BlobVerifier.forRoot(args.length == 2 ? Optional.of(Path.of(args[1])) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            err.println("Cannot read " + (e instanceof IOException ? args[0] : "the root certificate") + ": " + e.getMessage());
            return 2;
        }
        try {
            VerifiedBlob verified = verifier.verify(blob);
            out.println("Verified FIDO MDS3 BLOB number " + verified.no() + ", next update " + verified.nextUpdate());
            out.println("entries: " + verified.entries().size());
            out.println("entries with an AAGUID: " + verified.entries().stream().filter(e -> e.aaguid().isPresent()).count());
            out.println("AAGUIDs reported compromised: " + verified.compromisedAaguids().size());
            return 0;
        } catch (Refused refused) {
            err.println("Refused: " + refused.getMessage());
            return 1;
        }
    }
}
