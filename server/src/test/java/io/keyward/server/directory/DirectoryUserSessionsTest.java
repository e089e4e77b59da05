package io.keyward.server.directory;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which sign-in sessions a user's {@code signInSessionsValidFromDateTime} lets through. */
class DirectoryUserSessionsTest {

    private static final Instant REVOKED = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void withoutARevocationEverySessionIsAccepted() {
        assertThat(user().acceptsSessionStartedAt(Instant.EPOCH)).isTrue();
    }

    @Test
    void sessionsStartedBeforeOrInTheMillisecondOfTheRevocationAreRefusedLaterOnesAccepted() {
        DirectoryUser user = user();
        user.revokeSignInSessions(REVOKED.plusNanos(456_789));

        assertThat(user.signInSessionsValidFrom()).contains(REVOKED);
        assertThat(user.acceptsSessionStartedAt(REVOKED.minusMillis(1))).isFalse();
        assertThat(user.acceptsSessionStartedAt(REVOKED)).isFalse();
        assertThat(user.acceptsSessionStartedAt(REVOKED.plusMillis(1))).isTrue();
    }

    private static DirectoryUser user() {
        return new DirectoryUser(UUID.randomUUID(), "someone@example.com", "Someone", UserType.Member, Instant.EPOCH);
    }
}
