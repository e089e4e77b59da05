package io.keyward.station.enrollment;

import com.yubico.yubikit.fido.ctap.Ctap2Session;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a key says about itself in getInfo (CTAP 2.1 §6.4), as the operator sees it and the profile steps check it.
 */
public record KeyFacts(UUID aaguid, List<String> versions, Optional<Integer> firmwareVersion, boolean pinSet,
                       boolean residentKeys, boolean credentialManagement, boolean authenticatorConfig,
                       boolean setMinPinLength, boolean alwaysUv, Optional<Integer> remainingResidentCredentials,
                       int minPinLength, boolean forcePinChange, List<Integer> pinUvAuthProtocols) {

    public static KeyFacts of(Ctap2Session.InfoData info) {
        Map<String, ?> options = info.getOptions();
        ByteBuffer aaguid = ByteBuffer.wrap(info.getAaguid());
        return new KeyFacts(new UUID(aaguid.getLong(), aaguid.getLong()), List.copyOf(info.getVersions()),
                Optional.ofNullable(info.getFirmwareVersion()),
                Boolean.TRUE.equals(options.get("clientPin")), Boolean.TRUE.equals(options.get("rk")),
                Boolean.TRUE.equals(options.get("credMgmt")), Boolean.TRUE.equals(options.get("authnrCfg")),
                Boolean.TRUE.equals(options.get("setMinPINLength")), Boolean.TRUE.equals(options.get("alwaysUv")),
                Optional.ofNullable(info.getRemainingDiscoverableCredentials()), info.getMinPinLength(),
                info.getForcePinChange(), List.copyOf(info.getPinUvAuthProtocols()));
    }

    public boolean ctap2() {
        return versions.stream().anyMatch(version -> version.startsWith("FIDO_2"));
    }

    /**
     * The key after it made a discoverable credential with the PIN set, without asking it again: one slot fewer
     * (when it counts them), a PIN. Settings changes are read back from the key instead.
     */
    public KeyFacts afterEnrollment() {
        return new KeyFacts(aaguid, versions, firmwareVersion, true, residentKeys, credentialManagement, authenticatorConfig,
                setMinPinLength, alwaysUv, remainingResidentCredentials.map(left -> Math.max(0, left - 1)), minPinLength,
                forcePinChange, pinUvAuthProtocols);
    }

    /** Firmware as a.b.c from the key's integer, or "unknown". */
    public String firmware() {
        return firmwareVersion.map(version -> (version >> 8 & 0xff) + "." + (version & 0xff)).orElse("unknown");
    }
}
