package io.keyward.server.token;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization request that passed every check of {@link Authorizations#validate}: for a registered client, to
 * one of its exact redirect URIs, with an S256 PKCE challenge and scopes the app may have.
 *
 * @param scopes      the scopes the tokens will carry (delegated Graph permissions and OpenID Connect scopes)
 * @param refresh     whether {@code offline_access} was asked for
 * @param prompts     {@code none}, {@code login}, {@code select_account}, {@code consent}
 */
public record AuthorizationRequest(String clientId, String redirectUri, ResponseMode responseMode, Set<String> scopes,
                                   boolean refresh, Optional<String> state, Optional<String> nonce, String codeChallenge,
                                   Set<String> prompts, Optional<String> loginHint, Optional<Duration> maxAge) {

    /** How the answer travels back to the app (OAuth 2.0 Multiple Response Type Encoding Practices, Form Post Response Mode). */
    public enum ResponseMode {
        QUERY("query"), FORM_POST("form_post");

        private final String value;

        ResponseMode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<ResponseMode> parse(String value) {
            for (ResponseMode mode : values()) {
                if (mode.value.equals(value)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    public AuthorizationRequest {
        scopes = Set.copyOf(scopes);
        prompts = Set.copyOf(prompts);
    }

    /** Whether the person must sign in on the page even with a session: {@code prompt=login} or {@code select_account}. */
    public boolean demandsInteractiveSignIn() {
        return prompts.contains("login") || prompts.contains("select_account");
    }

    public boolean forbidsInteraction() {
        return prompts.contains("none");
    }
}
