package io.keyward.server.graph;

import io.keyward.server.audit.SignInLog;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import io.keyward.server.platform.query.Criterion;
import io.keyward.server.platform.query.Criterion.And;
import io.keyward.server.platform.query.Criterion.Equals;
import io.keyward.server.platform.query.Criterion.Or;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sign-in log's filter on the passkey's model: the "Passkey AAGUID" entry of authenticationProcessingDetails. */
class SignInFilterTest {

    static final String AAGUID = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

    private static Criterion rewritten(String filter) {
        return SignInsResource.withPasskeyAaguid(FilterParser.parse(filter));
    }

    @Test
    void theAaguidLambdaBecomesAConditionOnTheStoredAaguidWhereverItStands() {
        assertThat(rewritten("authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '" + AAGUID + "')"))
                .isEqualTo(new Equals(SignInLog.PASSKEY_AAGUID, AAGUID));
        assertThat(rewritten("userId eq 'u' and (status/errorCode ne 0 or authenticationProcessingDetails/any(x: x/value eq '" + AAGUID
                + "' and x/key eq 'Passkey AAGUID'))"))
                .isEqualTo(new And(List.of(new Equals("userId", "u"),
                        new Or(List.of(new Criterion.NotEquals("status/errorCode", 0L), new Equals(SignInLog.PASSKEY_AAGUID, AAGUID))))));
    }

    @Test
    void anyOtherLambdaOnTheCollectionIsRefusedRatherThanIgnored() {
        for (String filter : List.of("authenticationProcessingDetails/any(d:d/value eq '" + AAGUID + "')",
                "authenticationProcessingDetails/any(d:d/key eq 'Keyward reason code' and d/value eq 'aaguidNotAllowed')",
                "authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value ne '" + AAGUID + "')",
                "authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq 5)",
                "authenticationProcessingDetails/any(d:e/key eq 'Passkey AAGUID' and e/value eq '" + AAGUID + "')")) {
            Refused refused = catchThrowableOfType(() -> rewritten(filter), Refused.class);
            assertThat(refused).as(filter).isNotNull();
            assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
            assertThat(refused.getMessage()).contains("Only authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID'");
        }
    }

    @Test
    void otherFiltersAreLeftAsTheyAre() {
        Criterion filter = FilterParser.parse("status/additionalDetails eq 'aaguidNotAllowed'");
        assertThat(SignInsResource.withPasskeyAaguid(filter)).isSameAs(filter);
    }
}
