package io.seedship.runtime.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Deny by default: a service does not start when one of its endpoints names no role ({@link ForReaders},
 * {@link ForOperators}, {@link ForKeyCustodians}, {@link ForSres}), so a new endpoint cannot be open by omission.
 * Spring's own handlers (the error page) and the actuator's (secured by path) are not Seedship's and are left out.
 */
public final class EndpointRoles implements SmartInitializingSingleton {

  private final List<RequestMappingHandlerMapping> mappings;

  EndpointRoles(List<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  /** The role an endpoint requires, from its method or else its class. */
  public static Optional<SeedshipRole> roleOf(HandlerMethod handler) {
    EndpointRole role = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), EndpointRole.class);
    if (role == null) {
      role = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), EndpointRole.class);
    }
    return Optional.ofNullable(role).map(EndpointRole::value);
  }

  /** Seedship's endpoints of this service, each with the role it requires (empty: none, refused at startup). */
  public static Map<RequestMappingInfo, Optional<SeedshipRole>> of(List<RequestMappingHandlerMapping> mappings) {
    Map<RequestMappingInfo, Optional<SeedshipRole>> endpoints = new java.util.LinkedHashMap<>();
    for (RequestMappingHandlerMapping mapping : mappings) {
      mapping.getHandlerMethods().forEach((info, handler) -> {
        if (handler.getBeanType().getName().startsWith("io.seedship.")) {
          endpoints.put(info, roleOf(handler));
        }
      });
    }
    return endpoints;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<String> open = new ArrayList<>();
    of(mappings).forEach((info, role) -> {
      if (role.isEmpty()) {
        open.add(info.toString());
      }
    });
    if (!open.isEmpty()) {
      throw new IllegalStateException("endpoints without a required role (annotate them with @ForReaders, "
          + "@ForOperators, @ForKeyCustodians or @ForSres): " + String.join(", ", open));
    }
  }
}
