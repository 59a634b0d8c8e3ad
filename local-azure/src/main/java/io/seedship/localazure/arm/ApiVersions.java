package io.seedship.localazure.arm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The api-versions an ARM controller serves. ARM refuses a request without {@code api-version} and one with a
 * version the resource provider does not have; an empty list accepts any version (providers whose SDKs move).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiVersions {
  String[] value() default {};
}
