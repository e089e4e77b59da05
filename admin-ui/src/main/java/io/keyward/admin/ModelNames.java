package io.keyward.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Passkey models as the pages show them: an AAGUID with its model's name from Keyward's metadata
 * ({@code /beta/keyward/metadata/models/{aaguid}}), "Unknown model" when the metadata does not know it; and the
 * AAGUID lists admins type, one a line.
 */
final class ModelNames {

    static final Pattern AAGUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final String UNKNOWN = "Unknown model";

    private ModelNames() {
    }

    /** The model's name, or "Unknown model". */
    static String of(Graph graph, String aaguid) {
        try {
            return graph.get("beta:/keyward/metadata/models/" + aaguid).getString("description", UNKNOWN);
        } catch (GraphRefused notKnown) {
            return UNKNOWN;
        }
    }

    /** The distinct entries of a typed list (one a line, or separated by spaces, commas or semicolons), lower case, in order. */
    static List<String> entries(String text) {
        Set<String> list = new LinkedHashSet<>();
        Arrays.stream((text == null ? "" : text).split("[\\s,;]+")).map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.toLowerCase(Locale.ROOT)).forEach(list::add);
        return new ArrayList<>(list);
    }

    /** The first entry that is not an AAGUID, if any. */
    static Optional<String> invalid(List<String> entries) {
        return entries.stream().filter(a -> !AAGUID.matcher(a).matches()).findFirst();
    }

    /** The refusal for an entry that is not an AAGUID, in words. */
    static String notAnAaguid(String entry) {
        return "'" + entry + "' is not an AAGUID (8-4-4-4-12 hexadecimal digits, as 01020304-0506-0708-0102-030405060708).";
    }
}
