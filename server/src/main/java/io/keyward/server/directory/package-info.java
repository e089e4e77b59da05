/**
 * The directory: the tenant, users (members and B2B guests), groups and their memberships, invitations.
 * Users are identified by an immutable object id; the user principal name is unique case-insensitively
 * and may change.
 */
package io.keyward.server.directory;
