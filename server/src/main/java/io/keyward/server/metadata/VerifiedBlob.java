package io.keyward.server.metadata;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A FIDO MDS3 BLOB whose signature and certificate chain have been verified (or which was read back from
 * Keyward's own store after such a verification).
 *
 * @param no          the BLOB's serial number; each new BLOB has a greater one (FIDO MDS3 §3.1.6)
 * @param nextUpdate  when the FIDO Alliance plans to publish the next BLOB
 * @param jwt         the BLOB as imported (compact JWS), kept so the last good BLOB survives restarts
 */
public record VerifiedBlob(int no, LocalDate nextUpdate, List<MdsEntry> entries, String jwt) {

    public VerifiedBlob {
        entries = List.copyOf(entries);
    }

    /** AAGUIDs whose entry carries a compromised status (see {@link AuthenticatorModel#COMPROMISED}). */
    public Set<UUID> compromisedAaguids() {
        return entries.stream()
                .filter(MdsEntry::compromised)
                .flatMap(entry -> entry.aaguid().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "VerifiedBlob[no=" + no + ", nextUpdate=" + nextUpdate + ", entries=" + entries.size() + "]";
    }
}
