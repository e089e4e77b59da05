package io.keyward.server.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that needs a valid token but no permission of its own, because it only carries other operations,
 * each authorized with the same token as if sent alone: JSON batching ({@link BatchResource}). Nothing else may
 * carry it (EveryGraphOperationDeclaresItsPermissions).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface AuthorizedPerRequest {
}
