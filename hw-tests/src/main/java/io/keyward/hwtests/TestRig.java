package io.keyward.hwtests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which authenticators a test run uses, read from the system property {@value #KEYS_PROPERTY}: the word
 * {@value #SIMULATED}, comma-separated HID device paths of physical keys, or both. Unset or blank means
 * simulated keys only, so the suite runs on machines without USB (hw-tests/README.md).
 * <p>
 * Immutable.
 */
public final class TestRig {

    public static final String KEYS_PROPERTY = "keyward.hw.keys";
    public static final String SIMULATED = "simulated";

    private final List<RigKey> keys;

    private TestRig(List<RigKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The rig described by the system property {@value #KEYS_PROPERTY}. */
    public static TestRig fromSystemProperties() {
        return parse(System.getProperty(KEYS_PROPERTY));
    }

    /**
     * Parses a value of {@value #KEYS_PROPERTY}.
     *
     * @throws InvalidRigConfigurationException for an empty entry, a repeated entry or an entry with whitespace
     */
    public static TestRig parse(String value) {
        if (value == null || value.isBlank()) {
            return new TestRig(List.of(new RigKey.Simulated()));
        }
        String[] entries = value.split(",", -1);
        Set<RigKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                throw new InvalidRigConfigurationException(String.format(
                        "%s='%s': entry %d is empty; list device paths or '%s', separated by commas",
                        KEYS_PROPERTY, value, i + 1, SIMULATED));
            }
            if (entry.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new InvalidRigConfigurationException(String.format(
                        "%s='%s': entry '%s' contains whitespace; separate device paths with commas",
                        KEYS_PROPERTY, value, entry));
            }
            RigKey key = entry.toLowerCase(Locale.ROOT).equals(SIMULATED)
                    ? new RigKey.Simulated()
                    : new RigKey.Physical(entry);
            if (!keys.add(key)) {
                throw new InvalidRigConfigurationException(String.format(
                        "%s='%s': '%s' is listed twice; each key can be used by one run at a time",
                        KEYS_PROPERTY, value, entry));
            }
        }
        return new TestRig(new ArrayList<>(keys));
    }

    /** Every authenticator of the run, in the order given. */
    public List<RigKey> keys() {
        return keys;
    }

    /** The physical keys of the run; empty when it uses simulated keys only. */
    public List<RigKey.Physical> physicalKeys() {
        return keys.stream()
                .filter(RigKey.Physical.class::isInstance)
                .map(RigKey.Physical.class::cast)
                .toList();
    }

    public boolean usesSimulatedKeys() {
        return keys.stream().anyMatch(RigKey.Simulated.class::isInstance);
    }

    @Override
    public String toString() {
        return "TestRig" + keys;
    }
}
