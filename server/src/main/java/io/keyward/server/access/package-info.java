/**
 * Authentication methods that can sign a user in (passkey, Temporary Access Pass, password); later
 * authentication strengths and conditional access.
 */
package io.keyward.server.access;
