package io.seedship.runtime.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/** Key custodians only: the endpoint hands out a secret may call this endpoint ({@link SeedshipRole#KEY_CUSTODIAN}). */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('KEY_CUSTODIAN')")
@EndpointRole(SeedshipRole.KEY_CUSTODIAN)
public @interface ForKeyCustodians {
}
