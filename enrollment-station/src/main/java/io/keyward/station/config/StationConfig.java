package io.keyward.station.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The station's one configuration file (docs/station.md, "Configuration"): where Keyward is, the app the station
 * signs in as, the operator, and the enrollment profiles.
 *
 * @param keywardUrl   Keyward's base URL, e.g. {@code https://keyward.example.com}
 * @param tenant       tenant id or domain, the {@code {tenant}} of the token endpoint
 * @param clientId     the station app's client id
 * @param clientSecret its secret
 * @param operator     the help-desk operator's name, written into receipts and the audit trail
 * @param profiles     enrollment profiles by name; {@code default} always exists
 */
public record StationConfig(URI keywardUrl, String tenant, String clientId, String clientSecret, String operator,
                            Map<String, EnrollmentProfile> profiles) {

    public StationConfig {
        Objects.requireNonNull(keywardUrl, "keywardUrl");
        profiles = Map.copyOf(profiles);
    }

    public Optional<EnrollmentProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public URI graphBase() {
        return URI.create(keywardUrl.toString().replaceAll("/$", "") + "/graph/");
    }

    /** Reads the file; every problem is reported with the key it concerns. */
    public static StationConfig load(Path file) throws InvalidStationConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidStationConfigException("cannot read the station configuration " + file + ": " + e.getMessage());
        }
        return parse(properties, file.toString());
    }

    static StationConfig parse(Properties properties, String source) throws InvalidStationConfigException {
        URI url;
        try {
            url = new URI(required(properties, "keyward.url", source));
            if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
                throw new URISyntaxException(url.toString(), "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidStationConfigException(source + ": keyward.url must be an http(s) URL, e.g. https://keyward.example.com");
        }
        Map<String, EnrollmentProfile> profiles = new LinkedHashMap<>();
        profiles.put("default", EnrollmentProfile.DEFAULT);
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("profile.") && key.indexOf('.', "profile.".length()) > 0) {
                names.add(key.substring("profile.".length(), key.indexOf('.', "profile.".length())));
            }
        }
        for (String name : names) {
            profiles.put(name, profile(properties, name, source));
        }
        return new StationConfig(url, required(properties, "tenant", source), required(properties, "client.id", source),
                required(properties, "client.secret", source), required(properties, "operator", source), profiles);
    }

    private static EnrollmentProfile profile(Properties properties, String name, String source)
            throws InvalidStationConfigException {
        String prefix = "profile." + name + ".";
        EnrollmentProfile defaults = EnrollmentProfile.DEFAULT;
        try {
            return new EnrollmentProfile(name,
                    bool(properties, prefix + "resetFirst", defaults.resetFirst()),
                    PinMode.valueOf(properties.getProperty(prefix + "pinMode", defaults.pinMode().name()).trim().toUpperCase(Locale.ROOT)),
                    Integer.parseInt(properties.getProperty(prefix + "pinLength", "" + defaults.pinLength()).trim()),
                    Integer.parseInt(properties.getProperty(prefix + "minPinLength", "" + defaults.minPinLength()).trim()),
                    bool(properties, prefix + "forcePinChange", defaults.forcePinChange()),
                    bool(properties, prefix + "alwaysUv", defaults.alwaysUv()));
        } catch (IllegalArgumentException e) {
            throw new InvalidStationConfigException(source + ": profile " + name + ": " + e.getMessage()
                    + " (pinMode is random, operator or employee; lengths are numbers; flags are true or false)");
        }
    }

    private static boolean bool(Properties properties, String key, boolean fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        };
    }

    private static String required(Properties properties, String key, String source) throws InvalidStationConfigException {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new InvalidStationConfigException(source + ": " + key + " is missing");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "StationConfig[" + keywardUrl + ", tenant " + tenant + ", client " + clientId + ", operator " + operator + "]";
    }
}
