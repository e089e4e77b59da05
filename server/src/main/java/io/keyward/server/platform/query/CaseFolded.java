package io.keyward.server.platform.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The attribute is stored lower-cased ({@code toLowerCase(Locale.ROOT)}) whenever it is written, so a case-insensitive
 * filter compares the column as stored, against the lower-cased literal, instead of {@code lower(column)}: an ordinary
 * index on the column then serves the filter (no portable index serves {@code lower(column)}; H2 has no expression
 * indexes). Without it, a {@code userPrincipalName eq} filter walks every user (docs/performance.md, "Scale").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface CaseFolded {
}
