/**
 * Registered passkeys: credential id, owner, AAGUID and model, public key, sign count, attestation, BE/BS flags,
 * the UPN it was registered under, when it was created and last used, and whether it is suspect (clone signal).
 */
package io.keyward.server.passkey;
