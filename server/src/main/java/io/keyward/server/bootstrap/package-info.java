/**
 * Start-up: migrates the schema, then on the very first start creates the tenant, the bootstrap Global
 * Administrator with a one-time Temporary Access Pass and the bootstrap client; in dev mode also seeds the demo
 * tenant and writes {@code bootstrap.json}.
 */
package io.keyward.server.bootstrap;
