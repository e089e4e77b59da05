package io.keyward.server.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@code delta} function: it takes {@code $deltatoken}; on any other operation {@link QueryOptions} refuses it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface DeltaFunction {
}
