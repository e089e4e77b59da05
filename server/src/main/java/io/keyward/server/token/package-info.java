/**
 * The OAuth 2.0 / OpenID Connect provider: app registrations with hashed client secrets and granted Graph
 * application permissions, persistent rotatable signing keys, access token issuance and validation, the Graph
 * permission catalogue and directory roles.
 */
package io.keyward.server.token;
