package io.keyward.server.token;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser's sign-in is worth to an authorization request, over every combination of session (none, fresh,
 * an hour old, ended), prompt and max_age, against an oracle written from OpenID Connect Core §3.1.2.1.
 */
class AuthorizationsJudgeTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    enum SessionState { NONE, FRESH, HOUR_OLD, ENDED }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (SessionState session : SessionState.values()) {
            for (Set<String> prompts : List.of(Set.<String>of(), Set.of("none"), Set.of("login"), Set.of("select_account"), Set.of("consent"))) {
                for (Optional<Duration> maxAge : List.of(Optional.<Duration>empty(), Optional.of(Duration.ofMinutes(10)), Optional.of(Duration.ZERO))) {
                    all.add(Arguments.of(session, prompts, maxAge));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} prompt={1} max_age={2}")
    @MethodSource("combinations")
    void theVerdictIsTheOraclesForEveryCombination(SessionState state, Set<String> prompts, Optional<Duration> maxAge) {
        Authorizations authorizations = new Authorizations();
        authorizations.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AuthorizationRequest request = new AuthorizationRequest("client", "https://app.example/cb", AuthorizationRequest.ResponseMode.QUERY,
                Set.of("openid"), false, Optional.empty(), Optional.empty(), "x".repeat(43), prompts, Optional.empty(), maxAge);

        assertThat(authorizations.judge(request, session(state))).isEqualTo(oracle(state, prompts, maxAge));
    }

    /** A session answers when it exists, is open, is young enough for max_age, and the request does not demand a sign-in. */
    static Authorizations.SessionVerdict oracle(SessionState state, Set<String> prompts, Optional<Duration> maxAge) {
        Duration age = state == SessionState.HOUR_OLD ? Duration.ofHours(1) : Duration.ZERO;
        boolean usable = (state == SessionState.FRESH || state == SessionState.HOUR_OLD)
                && maxAge.map(limit -> age.compareTo(limit) <= 0).orElse(true)
                && !prompts.contains("login") && !prompts.contains("select_account");
        if (usable) {
            return Authorizations.SessionVerdict.USE_SESSION;
        }
        return prompts.contains("none") ? Authorizations.SessionVerdict.LOGIN_REQUIRED : Authorizations.SessionVerdict.SIGN_IN;
    }

    static Optional<SignInSession> session(SessionState state) {
        Instant signedIn = state == SessionState.HOUR_OLD ? NOW.minus(Duration.ofHours(1)) : NOW;
        return switch (state) {
            case NONE -> Optional.empty();
            case FRESH, HOUR_OLD -> Optional.of(new SignInSession(UUID.randomUUID(), "hash", UUID.randomUUID(),
                    AuthenticationProof.password(), signedIn, signedIn.plus(Duration.ofHours(8))));
            case ENDED -> {
                SignInSession ended = new SignInSession(UUID.randomUUID(), "hash", UUID.randomUUID(), AuthenticationProof.password(),
                        signedIn, signedIn.plus(Duration.ofHours(8)));
                ended.end(NOW);
                yield Optional.of(ended);
            }
        };
    }
}
