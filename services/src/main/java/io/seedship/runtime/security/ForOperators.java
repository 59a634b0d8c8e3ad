package io.seedship.runtime.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/** Operators may call this endpoint ({@link SeedshipRole#OPERATOR}). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('OPERATOR')")
@EndpointRole(SeedshipRole.OPERATOR)
public @interface ForOperators {
}
