/**
 * The passkey (FIDO2) authentication method policy: its configuration as Graph shows it, and the pure decisions
 * {@link io.keyward.server.policy.PasskeyPolicyRules#registrationDecision} and
 * {@link io.keyward.server.policy.PasskeyPolicyRules#signInDecision} that every channel (Security info, Graph
 * provisioning, the kiosk, sign-in) asks before acting.
 */
package io.keyward.server.policy;
