package io.keyward.server.web;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as one step of a sign-in or registration ceremony, named by {@link #value}: its time in the
 * server goes into the {@code keyward_ceremony_duration_seconds} histogram ({@link CeremonyTiming}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Ceremony {

    /** The ceremony step, e.g. {@code signin.passkey.options}. */
    String value() default "";
}
