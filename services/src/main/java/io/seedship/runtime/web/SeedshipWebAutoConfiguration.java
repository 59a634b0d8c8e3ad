package io.seedship.runtime.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.DeserializationFeature;

/**
 * The web side every Seedship service shares: one problem format for refused requests ({@link SeedshipProblemAdvice}),
 * unknown JSON fields refused rather than dropped (a misspelt optional field would otherwise be silently ignored), and
 * a cap on request bodies ({@code seedship.web.max-request-body}, 64 KiB: Seedship's requests are a few KB).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SeedshipWebAutoConfiguration {

  /** The property that caps request bodies. */
  public static final String MAX_REQUEST_BODY = "seedship.web.max-request-body";
  public static final DataSize DEFAULT_MAX_REQUEST_BODY = DataSize.ofKilobytes(64);

  @Bean
  SeedshipProblemAdvice seedshipProblemAdvice() {
    return new SeedshipProblemAdvice();
  }

  @Bean
  JsonMapperBuilderCustomizer seedshipRefusesUnknownFields() {
    return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> seedshipRequestBodyLimit(Environment environment) {
    DataSize limit = Binder.get(environment).bind(MAX_REQUEST_BODY, DataSize.class).orElse(DEFAULT_MAX_REQUEST_BODY);
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
