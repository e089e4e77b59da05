package io.keyward.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.server.access.AppliedPolicy;

import java.util.List;

/**
 * A sign-in's {@code appliedConditionalAccessPolicies} in Graph's shape (beta {@code appliedConditionalAccessPolicy}
 * with its {@code authenticationStrength}), stored with the entry as written at the time of the sign-in.
 */
final class AppliedPoliciesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The column's size; policies past it are left out rather than failing the log entry. */
    static final int MAX_CHARS = 16000;

    private AppliedPoliciesJson() {
    }

    /** Results that say a policy applied (or would have): listed first, so that a long list is cut in the unapplied part. */
    private static final java.util.Set<AppliedPolicy.Result> APPLIED = java.util.EnumSet.of(AppliedPolicy.Result.success,
            AppliedPolicy.Result.failure, AppliedPolicy.Result.reportOnlySuccess, AppliedPolicy.Result.reportOnlyFailure);

    static String write(List<AppliedPolicy> policies) {
        ArrayNode array = MAPPER.createArrayNode();
        List<AppliedPolicy> ordered = policies.stream()
                .sorted(java.util.Comparator.comparing((AppliedPolicy p) -> !APPLIED.contains(p.result()))).toList();
        for (AppliedPolicy policy : ordered) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("id", policy.id().toString());
            node.put("displayName", policy.displayName());
            node.put("result", policy.result().name());
            node.putArray("enforcedGrantControls").add(policy.authenticationStrength().isPresent() ? "RequireAuthenticationStrength" : "Block");
            node.putArray("enforcedSessionControls");
            policy.authenticationStrength().ifPresent(s -> node.putObject("authenticationStrength")
                    .put("authenticationStrengthId", s.authenticationStrengthId().toString())
                    .put("displayName", s.displayName())
                    .put("authenticationStrengthResult", s.authenticationStrengthResult().name()));
            if (array.toString().length() + node.toString().length() + 1 > MAX_CHARS) {
                break;
            }
            array.add(node);
        }
        return array.toString();
    }
}
