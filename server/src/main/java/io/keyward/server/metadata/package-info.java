/**
 * Authenticator metadata: FIDO MDS3 BLOBs imported from a file and verified offline against a configured root,
 * admin-defined metadata for custom AAGUIDs with their own attestation roots, and lookups by AAGUID (model name,
 * status reports, attestation trust).
 */
package io.keyward.server.metadata;
