/**
 * What every domain stands on: configuration ({@code keyward.*} properties), the clock, schema migration
 * at start-up and the first-start bootstrap of the tenant.
 */
package io.keyward.server.platform;
