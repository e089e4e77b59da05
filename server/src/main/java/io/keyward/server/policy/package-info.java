/**
 * The passkey (FIDO2) authentication method policy: its configuration as Graph shows it, and the pure decisions
 * {@link io.keyward.server.policy.PasskeyPolicyRules#registrationDecision} and
 * {@link io.keyward.server.policy.PasskeyPolicyRules#signInDecision} that every channel (Security info, Graph
 * provisioning, the kiosk, sign-in) asks before acting. The configuration is stored as one JSON document with a
 * version (the Graph ETag), cached briefly per node for the sign-in path, and every change is audited; the
 * admin-facing behaviour is described in {@code docs/passkey-policy.md}.
 */
package io.keyward.server.policy;
