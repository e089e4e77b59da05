package io.keyward.server.graph;

import io.keyward.server.platform.MacKeys;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state a delta query hands its client in {@code @odata.nextLink} ({@code $skiptoken}: where this round is) and
 * {@code @odata.deltaLink} ({@code $deltatoken}: where the next round starts), as Graph does, so that the client sends
 * back only the link. The state is readable text authenticated by an HMAC-SHA-256 tag under a key every node
 * shares: a token Keyward did not issue, or one changed by a single character, is refused, never read.
 */
@ApplicationScoped
public class DeltaLinks {

    private static final String KEY = "graph.delta-link-mac-key";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    MacKeys keys;

    /** Where a round of a delta query is: changes after {@code since} up to {@code until}, this phase, after this id. */
    record Position(Phase phase, long since, long until, Optional<UUID> after, int pageSize, Optional<Set<String>> select) {
    }

    /** The changed (or, in a first round, all) users come first, then the deleted ones. */
    enum Phase { CHANGED, REMOVED }

    /** Where the next round starts: changes after {@code since}. */
    record Start(long since, int pageSize, Optional<Set<String>> select) {
    }

    String skipToken(Position position) {
        return sign(String.join("|", "s", position.phase().name(), Long.toString(position.since()), Long.toString(position.until()),
                position.after().map(UUID::toString).orElse(""), Integer.toString(position.pageSize()), select(position.select())));
    }

    String deltaToken(Start start) {
        return sign(String.join("|", "d", Long.toString(start.since()), Integer.toString(start.pageSize()), select(start.select())));
    }

    Position readSkipToken(String token) {
        List<String> parts = open(token, "$skiptoken", "@odata.nextLink");
        try {
            if (parts.size() == 7 && parts.get(0).equals("s")) {
                return new Position(Phase.valueOf(parts.get(1)), Long.parseLong(parts.get(2)), Long.parseLong(parts.get(3)),
                        parts.get(4).isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(parts.get(4))),
                        Integer.parseInt(parts.get(5)), select(parts.get(6)));
            }
        } catch (IllegalArgumentException ignored) {
            // A well-signed token Keyward cannot read is still not one it issued: refused below.
        }
        throw invalid("$skiptoken", "@odata.nextLink");
    }

    Start readDeltaToken(String token) {
        List<String> parts = open(token, "$deltatoken", "@odata.deltaLink");
        try {
            if (parts.size() == 4 && parts.get(0).equals("d")) {
                return new Start(Long.parseLong(parts.get(1)), Integer.parseInt(parts.get(2)), select(parts.get(3)));
            }
        } catch (IllegalArgumentException ignored) {
            // as above
        }
        throw invalid("$deltatoken", "@odata.deltaLink");
    }

    private String sign(String state) {
        byte[] data = state.getBytes(StandardCharsets.UTF_8);
        return B64URL.encodeToString(data) + "." + B64URL.encodeToString(Arrays.copyOf(keys.tag(KEY, data), 16));
    }

    private List<String> open(String token, String option, String link) {
        int dot = token.indexOf('.');
        if (dot > 0) {
            try {
                byte[] data = Base64.getUrlDecoder().decode(token.substring(0, dot));
                byte[] tag = Base64.getUrlDecoder().decode(token.substring(dot + 1));
                if (tag.length == 16 && java.security.MessageDigest.isEqual(Arrays.copyOf(keys.tag(KEY, data), 16), tag)) {
                    return Arrays.asList(new String(data, StandardCharsets.UTF_8).split("\\|", -1));
                }
            } catch (IllegalArgumentException ignored) {
                // not base64url: refused below
            }
        }
        throw invalid(option, link);
    }

    private static Refused invalid(String option, String link) {
        return Refused.invalid("The " + option + " is not valid: it was not issued by this Keyward or was changed. Use the "
                + link + " exactly as returned, or start again without a token.");
    }

    private static String select(Optional<Set<String>> select) {
        return select.map(s -> String.join(",", s)).orElse("");
    }

    private static Optional<Set<String>> select(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(new LinkedHashSet<>(Arrays.asList(value.split(","))));
    }
}
