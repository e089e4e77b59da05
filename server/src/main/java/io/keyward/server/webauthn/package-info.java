/**
 * WebAuthn ceremonies on top of webauthn4j: creation and request options, verification of registration and
 * authentication responses (WebAuthn Level 3 §7.1 and §7.2), single-use expiring challenges shared by all nodes,
 * and the relying party's id and origins.
 */
package io.keyward.server.webauthn;
