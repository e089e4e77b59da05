package io.keyward.server.token;

import java.util.Optional;
import java.util.Set;

/**
 * A change to an app registration, as Graph's application resource expresses it; empty fields stay as they are.
 *
 * @param webRedirectUris     {@code web.redirectUris}: a confidential web app's
 * @param publicRedirectUris  {@code spa.redirectUris} and {@code publicClient.redirectUris}: a public client's
 * @param logoutUrl           {@code web.logoutUrl}: where the app may send people after sign-out (empty inside: none)
 * @param fallbackPublicClient {@code isFallbackPublicClient}
 */
public record ApplicationChanges(Optional<String> displayName, Optional<Set<String>> webRedirectUris,
                                 Optional<Set<String>> publicRedirectUris, Optional<Optional<String>> logoutUrl,
                                 Optional<Boolean> fallbackPublicClient) {
}
