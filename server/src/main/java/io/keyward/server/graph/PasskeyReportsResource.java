package io.keyward.server.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.audit.PasskeyLockoutPreview;
import io.keyward.server.audit.PasskeyReports;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.Refused;
import io.keyward.server.policy.Fido2Configuration;
import io.keyward.server.policy.Fido2Configurations;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.keyward.server.token.GraphPermission.AUDITLOG_READ_ALL;
import static io.keyward.server.token.GraphPermission.POLICY_READWRITE_AUTHENTICATIONMETHOD;
import static io.keyward.server.token.GraphPermission.POLICY_READ_ALL;
import static io.keyward.server.token.GraphPermission.POLICY_READ_AUTHENTICATIONMETHOD;

/**
 * Keyward extensions next to {@code aaguidInventory} for the admin center (docs/admin-center.md), each computed with a
 * few aggregate queries:
 * <ul>
 *   <li>{@code GET /beta/keyward/reports/passkeyDashboard?days=14&groups=20}: users and users with a passkey, the same per
 *       security group (largest first), sign-ins per UTC day and method, refusals per reason code
 *       ({@code AuditLog.Read.All}: Global Administrator, Global Reader, Reports Reader);</li>
 *   <li>{@code POST /beta/keyward/reports/passkeyLockoutPreview?top=50} with a PATCH body of the passkey policy
 *       ({@code @odata.type} optional), read exactly as the PATCH reads it: what saving it would do to the passkeys
 *       registered today under the sign-in rule — counts and the first {@code top} names of the users locked out and of
 *       those keeping another passkey (the permissions that read the passkey policy).</li>
 * </ul>
 */
@RequestScoped
@Path("{version: v1\\.0|beta}/keyward/reports")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyReportsResource {

    @Inject
    PasskeyReports reports;

    @Inject
    PasskeyLockoutPreview preview;

    @Inject
    Fido2Configurations configurations;

    @Inject
    KeywardConfig config;

    @Inject
    Clock clock;

    @GET
    @Path("passkeyDashboard")
    @RequiresAnyOf(AUDITLOG_READ_ALL)
    public Response dashboard(@QueryParam("days") String days, @QueryParam("groups") String groups) {
        int dayCount = bounded(days, "days", 14, 1, 90);
        int groupCount = bounded(groups, "groups", 20, 0, 200);
        LocalDate first = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(dayCount - 1L);
        java.time.Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("since", GraphEntities.time(from));
        root.put("days", dayCount);
        PasskeyReports.Coverage coverage = reports.coverage();
        root.put("users", coverage.users());
        root.put("usersWithPasskey", coverage.usersWithPasskey());
        ArrayNode groupNodes = root.putArray("groups");
        if (groupCount > 0) {
            for (PasskeyReports.GroupCoverage g : reports.groupCoverage(groupCount)) {
                groupNodes.addObject().put("id", g.id().toString()).put("displayName", g.displayName()).put("members", g.members())
                        .put("membersWithPasskey", g.membersWithPasskey());
            }
        }
        ArrayNode perDay = root.putArray("signInsPerDay");
        for (PasskeyReports.DailySignIns d : reports.signInsPerDay(from)) {
            perDay.addObject().put("date", d.day().toString()).put("method", d.method()).put("succeeded", d.succeeded()).put("refused", d.refused());
        }
        ArrayNode refusals = root.putArray("refusals");
        for (PasskeyReports.Refusals r : reports.refusals(from)) {
            refusals.addObject().put("reasonCode", r.reasonCode()).put("count", r.count());
        }
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("passkeyLockoutPreview")
    @RequiresAnyOf({POLICY_READ_AUTHENTICATIONMETHOD, POLICY_READ_ALL, POLICY_READWRITE_AUTHENTICATIONMETHOD})
    public Response lockoutPreview(@QueryParam("top") String top, InputStream body) {
        int names = bounded(top, "top", 50, 0, 500);
        ObjectNode fragment = GraphJson.readObject(body, config.maxRequestBytes(), Fido2ConfigurationJson.TYPE);
        if (!fragment.has("@odata.type")) {
            fragment.put("@odata.type", Fido2ConfigurationJson.ODATA_TYPE);
        }
        Fido2Configuration current = configurations.current();
        PasskeyLockoutPreview.Lockout lockout = preview.lockout(current, Fido2ConfigurationJson.patch(fragment).apply(current), names);
        ObjectNode root = GraphJson.MAPPER.createObjectNode();
        root.put("usersWithPasskeys", lockout.usersWithPasskeys());
        root.put("passkeysRefused", lockout.passkeysRefused());
        root.put("usersLockedOut", lockout.usersLockedOut());
        root.put("usersLosingSome", lockout.usersLosingSome());
        root.put("usersKeepSigningIn", lockout.usersKeepSigningIn());
        lockout.lockedOut().forEach(root.putArray("lockedOut")::add);
        lockout.losingSome().forEach(root.putArray("losingSome")::add);
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static int bounded(String value, String name, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw Refused.invalid(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'.");
    }
}
