package io.seedship.runtime.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/** Readers (and every other role, each of which also reads) may call this endpoint ({@link SeedshipRole#READER}). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('READER')")
@EndpointRole(SeedshipRole.READER)
public @interface ForReaders {
}
