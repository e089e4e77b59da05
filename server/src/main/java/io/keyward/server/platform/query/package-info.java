/**
 * Query values shared by the domains' repositories: filter criteria (parsed from OData by {@code graph}),
 * keyset pages that stay stable while rows are inserted, and their translation to JPA criteria.
 */
package io.keyward.server.platform.query;
