package io.keyward.hwtests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The rig file: which physical keys are attached to this rig and what may be done to them (hw-tests/README.md).
 * Named by the system property {@value #PROPERTY}; without it, physical-key scenarios are skipped with that reason
 * and the scenarios run on simulated keys only.
 * <pre>
 * key.1.aaguid=cb69481e-8ff7-4039-93ec-0a2729a154a8
 * key.1.serial=23456789        (optional: when several keys share a model)
 * key.1.pin=482913             (optional: the PIN already on the key)
 * key.1.destructive=false      (PIN changes, wrong PINs, lock-out, reset)
 * </pre>
 */
public record RigFile(List<PhysicalKeySpec> keys) {

    public static final String PROPERTY = "keyward.rig.file";
    /** The PIN the suite sets on a key without one. */
    public static final String DEFAULT_PIN = "314159";

    public RigFile {
        keys = List.copyOf(keys);
    }

    public static Optional<RigFile> fromSystemProperties() {
        String file = System.getProperty(PROPERTY, "");
        return file.isBlank() ? Optional.empty() : Optional.of(load(Path.of(file)));
    }

    public static RigFile load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidRigConfigurationException("cannot read the rig file " + file + ": " + e.getMessage());
        }
        return parse(properties, file.toString());
    }

    static RigFile parse(Properties properties, String source) {
        TreeSet<String> labels = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !parts[0].equals("key")
                    || !List.of("aaguid", "serial", "pin", "destructive").contains(parts[2])) {
                throw new InvalidRigConfigurationException(source + ": unknown entry '" + key
                        + "'; entries are key.N.aaguid, key.N.serial, key.N.pin, key.N.destructive");
            }
            labels.add(parts[1]);
        }
        List<PhysicalKeySpec> keys = new ArrayList<>();
        for (String label : labels) {
            String prefix = "key." + label + ".";
            String aaguid = properties.getProperty(prefix + "aaguid", "").trim();
            UUID parsed;
            try {
                parsed = UUID.fromString(aaguid);
            } catch (IllegalArgumentException e) {
                throw new InvalidRigConfigurationException(source + ": " + prefix + "aaguid '" + aaguid + "' is not an AAGUID");
            }
            String destructive = properties.getProperty(prefix + "destructive", "false").trim().toLowerCase(Locale.ROOT);
            if (!destructive.equals("true") && !destructive.equals("false")) {
                throw new InvalidRigConfigurationException(source + ": " + prefix + "destructive must be true or false");
            }
            keys.add(new PhysicalKeySpec(label, parsed, optional(properties, prefix + "serial"),
                    optional(properties, prefix + "pin"), destructive.equals("true")));
        }
        if (keys.isEmpty()) {
            throw new InvalidRigConfigurationException(source + ": no key.N.aaguid entry: the rig file names no key");
        }
        return new RigFile(keys);
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
