package io.keyward.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.server.access.AppliedPolicy;
import io.keyward.server.access.StrengthResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in log's appliedConditionalAccessPolicies: Graph's shape, and the policies that applied kept when the list is long. */
class AppliedPoliciesJsonTest {

    @Test
    void aPolicyThatAppliedIsKeptWhenHundredsDidNot() throws Exception {
        List<AppliedPolicy> policies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            policies.add(new AppliedPolicy(UUID.randomUUID(), "Disabled " + i, AppliedPolicy.Result.notEnabled, Optional.empty()));
        }
        UUID decisive = UUID.randomUUID();
        UUID strength = UUID.randomUUID();
        policies.add(new AppliedPolicy(decisive, "Approved keys", AppliedPolicy.Result.failure, Optional.of(
                new AppliedPolicy.AppliedStrength(strength, "Approved keys", StrengthResult.cannotSatisfyDueToCombinationConfiguration))));

        String json = AppliedPoliciesJson.write(policies);
        JsonNode first = new ObjectMapper().readTree(json).get(0);

        assertThat(json.length()).isLessThanOrEqualTo(AppliedPoliciesJson.MAX_CHARS);
        assertThat(first.get("id").asText()).isEqualTo(decisive.toString());
        assertThat(first.get("result").asText()).isEqualTo("failure");
        assertThat(first.get("enforcedGrantControls").get(0).asText()).isEqualTo("RequireAuthenticationStrength");
        assertThat(first.get("authenticationStrength").get("authenticationStrengthId").asText()).isEqualTo(strength.toString());
        assertThat(first.get("authenticationStrength").get("authenticationStrengthResult").asText())
                .isEqualTo("cannotSatisfyDueToCombinationConfiguration");
    }
}
