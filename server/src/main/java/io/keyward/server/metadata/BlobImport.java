package io.keyward.server.metadata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An accepted FIDO MDS3 BLOB import.
 *
 * @param previousNo        the serial number of the BLOB it replaced, if any
 * @param newlyCompromised  AAGUIDs this BLOB reports compromised that the previous one did not: the caller flags the
 *                          passkeys of these models
 */
public record BlobImport(int no, LocalDate nextUpdate, int entryCount, Instant importedAt, Optional<Integer> previousNo,
                         Set<UUID> newlyCompromised) {

    public BlobImport {
        newlyCompromised = Set.copyOf(newlyCompromised);
    }
}
