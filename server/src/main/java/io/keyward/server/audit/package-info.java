/**
 * Audit: the directory audit log (who changed what, with before and after values), later the sign-in log and
 * registration reports. Entries are written in the same transaction as the change they describe.
 */
package io.keyward.server.audit;
