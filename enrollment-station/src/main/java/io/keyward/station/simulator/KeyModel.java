package io.keyward.station.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A model of simulated security key: what its getInfo says and how it appears on USB.
 *
 * @param name               short name used on the command line ({@code --model NAME})
 * @param description        the product name, as a key's metadata statement would give it
 * @param aaguid             the AAGUID written into every credential
 * @param vendorId           USB vendor id; 0x1209 is the shared open-source vendor id
 * @param productId          USB product id, distinct per model
 * @param firmwareVersion    getInfo firmwareVersion (0x0E)
 * @param ctap21             whether it speaks CTAP 2.1 (credential management, authenticatorConfig, PIN/UV protocol 2,
 *                           permissions); a CTAP 2.0 model offers PIN protocol 1 and no management commands
 * @param residentKeySlots   how many discoverable credentials it can hold
 */
public record KeyModel(String name, String description, UUID aaguid, int vendorId, int productId,
                       int firmwareVersion, boolean ctap21, int residentKeySlots) {

    /** A CTAP 2.1 key with 25 slots, the usual model of the station's tests and of training mode. */
    public static final KeyModel KEYWARD_SIM_A = new KeyModel("sim-a", "Keyward Simulated Key A",
            UUID.fromString("6b657977-6172-4401-8000-000000000a01"), 0x1209, 0x4b01, 0x0501, true, 25);
    /** A second CTAP 2.1 model with few slots, for tests of several AAGUIDs and of a full key. */
    public static final KeyModel KEYWARD_SIM_B = new KeyModel("sim-b", "Keyward Simulated Key B",
            UUID.fromString("6b657977-6172-4401-8000-000000000b02"), 0x1209, 0x4b02, 0x0302, true, 3);
    /** A CTAP 2.0 key: PIN protocol 1 only, no credential management or authenticatorConfig. */
    public static final KeyModel KEYWARD_SIM_LEGACY = new KeyModel("sim-legacy", "Keyward Simulated Key C (CTAP 2.0)",
            UUID.fromString("6b657977-6172-4401-8000-000000000c03"), 0x1209, 0x4b03, 0x0200, false, 8);

    public static final List<KeyModel> BUILT_IN = List.of(KEYWARD_SIM_A, KEYWARD_SIM_B, KEYWARD_SIM_LEGACY);

    public KeyModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(aaguid, "aaguid");
        if (residentKeySlots < 1) {
            throw new IllegalArgumentException("a key model needs at least one resident key slot");
        }
    }

    /** The built-in model of that name, case-insensitive. */
    public static Optional<KeyModel> named(String name) {
        return BUILT_IN.stream().filter(model -> model.name.equalsIgnoreCase(name.trim())).findFirst();
    }

    /** A CTAP 2.1 model like {@link #KEYWARD_SIM_A} but with another AAGUID ({@code --aaguid X}). */
    public static KeyModel withAaguid(UUID aaguid) {
        return new KeyModel("aaguid-" + aaguid.toString().substring(0, 8), "Keyward Simulated Key "
                + aaguid.toString().substring(0, 8).toUpperCase(Locale.ROOT), aaguid, 0x1209, 0x4b00, 0x0100, true, 25);
    }

    /** getInfo versions (0x01): no U2F_V2, the simulator does not implement CTAPHID_MSG. */
    public List<String> versions() {
        return ctap21 ? List.of("FIDO_2_0", "FIDO_2_1") : List.of("FIDO_2_0");
    }

    /** getInfo pinUvAuthProtocols (0x06), preferred first. */
    public List<Integer> pinUvAuthProtocols() {
        return ctap21 ? List.of(2, 1) : List.of(1);
    }
}
