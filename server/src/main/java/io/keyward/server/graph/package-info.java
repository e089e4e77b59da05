/**
 * The Microsoft-Graph-compatible REST API under {@code /graph/v1.0} and {@code /graph/beta}: JSON mapping,
 * OData query options, the error envelope (GRAPH-API.md §0, §8) and authorization of each operation. Resources
 * here translate HTTP to domain services and back; they hold no business rules.
 */
package io.keyward.server.graph;
