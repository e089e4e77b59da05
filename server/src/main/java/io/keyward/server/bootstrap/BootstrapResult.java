package io.keyward.server.bootstrap;

import java.util.UUID;

/** What the first start created; the secrets in it are shown once and never stored in clear. */
public record BootstrapResult(UUID tenantId, String adminUserPrincipalName, String adminTemporaryAccessPass,
                              String clientId, String clientSecret) {
}
