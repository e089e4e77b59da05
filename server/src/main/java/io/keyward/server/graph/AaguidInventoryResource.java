package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.audit.AaguidInventory;
import io.keyward.server.metadata.AuthenticatorMetadata;
import io.keyward.server.platform.Refused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;

/**
 * Keyward extension {@code /beta/keyward/reports/aaguidInventory}: every AAGUID seen in registered passkeys and in
 * passkey sign-ins since {@code since} ({@code 30d}, {@code 12h} or an ISO-8601 duration; default 30 days), with the
 * model's name from metadata, attested or claimed, users, passkeys, sign-ins and when it was last used. JSON by
 * default, CSV with {@code output=csv} (not {@code format}: Graph reads a bare {@code format} as {@code $format}) (what {@code ./keyward aaguid-inventory} prints). docs/admin-center.md.
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/keyward/reports/aaguidInventory")
public class AaguidInventoryResource {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,5})([dh])");

    @Inject
    AaguidInventory inventory;

    @Inject
    AuthenticatorMetadata metadata;

    @Inject
    Clock clock;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response list(@QueryParam("since") String since, @QueryParam("output") String format) {
        Instant from = clock.instant().minus(period(since));
        List<AaguidInventory.Entry> entries = inventory.since(from);
        if ("csv".equalsIgnoreCase(format)) {
            StringBuilder csv = new StringBuilder("aaGuid,model,attestation,users,passkeys,signIns,refusedSignIns,signInUsers,lastUsedDateTime\r\n");
            for (AaguidInventory.Entry e : entries) {
                csv.append(e.aaguid()).append(',').append(csvField(metadata.modelName(e.aaguid()))).append(',').append(e.attestation())
                        .append(',').append(e.users()).append(',').append(e.passkeys()).append(',').append(e.signIns())
                        .append(',').append(e.refusedSignIns()).append(',').append(e.signInUsers()).append(',')
                        .append(e.lastUsed().map(GraphEntities::time).orElse("")).append("\r\n");
            }
            return Response.ok(csv.toString(), "text/csv; charset=utf-8").build();
        }
        if (format != null && !format.isBlank() && !"json".equalsIgnoreCase(format)) {
            throw Refused.invalid("output must be json or csv.");
        }
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("since", GraphEntities.time(from));
        ArrayNode value = root.putArray("value");
        for (AaguidInventory.Entry e : entries) {
            ObjectNode node = value.addObject();
            node.put("aaGuid", e.aaguid().toString());
            node.put("model", metadata.modelName(e.aaguid()));
            node.put("attestation", e.attestation());
            node.put("users", e.users());
            node.put("passkeys", e.passkeys());
            node.put("signIns", e.signIns());
            node.put("refusedSignIns", e.refusedSignIns());
            node.put("signInUsers", e.signInUsers());
            node.put("lastUsedDateTime", e.lastUsed().map(GraphEntities::time).orElse(null));
        }
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code 30d}, {@code 12h} or an ISO-8601 duration ({@code P30D}); default 30 days; at most about 10 years. */
    static Duration period(String since) {
        if (since == null || since.isBlank()) {
            return Duration.ofDays(30);
        }
        Matcher m = SHORT.matcher(since.trim().toLowerCase(Locale.ROOT));
        Duration period;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            period = m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        } else {
            try {
                period = Duration.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw Refused.invalid("since must be a number of days or hours (30d, 12h) or an ISO-8601 duration (P30D), not '" + since + "'.");
            }
        }
        if (period.isNegative() || period.isZero() || period.compareTo(Duration.ofDays(3660)) > 0) {
            throw Refused.invalid("since must be between 1 hour and 3660 days.");
        }
        return period;
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
