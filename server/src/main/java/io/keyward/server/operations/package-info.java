/**
 * What operators watch: MicroProfile Health checks (readiness: database, schema, signing key; liveness) and
 * Micrometer meters (sign-ins and registrations by method, result and reason code, ceremony latency, challenge store
 * size), both served by WildFly on its management interface (docs/operations.md); and the housekeeping that removes
 * spent rows in the background.
 */
package io.keyward.server.operations;
