package io.keyward.server.graph;

import io.keyward.server.token.GraphPermission;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Graph permissions that allow an operation (any one suffices), least privileged first, as listed on the
 * Graph reference page. A resource method without it is refused to everyone: authorization fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAnyOf {
    GraphPermission[] value();
}
