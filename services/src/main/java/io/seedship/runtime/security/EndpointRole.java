package io.seedship.runtime.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the role annotations ({@link ForReaders}, {@link ForOperators}, {@link ForKeyCustodians}, {@link ForSres}) with
 * the role they require, so that the startup check and a refusal can name it. Endpoints use those, not this.
 */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EndpointRole {
  SeedshipRole value();
}
