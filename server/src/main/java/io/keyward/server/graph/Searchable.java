package io.keyward.server.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list operation that implements {@code $search} ({@link SearchParser}); on any other, {@link QueryOptions} refuses it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Searchable {
}
