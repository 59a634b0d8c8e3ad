package io.seedship.localazure.arm;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

/** ARM's URL rules: paths match whatever their case, and every ARM call names its api-version. */
@Configuration
public class ArmWebConfiguration implements WebMvcConfigurer {

  @Override
  public void configurePathMatch(PathMatchConfigurer configurer) {
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(false);
    configurer.setPatternParser(parser);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiVersionCheck());
  }

  static final class ApiVersionCheck implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
      if (!(handler instanceof HandlerMethod method)) {
        return true;
      }
      ApiVersions versions = method.getBeanType().getAnnotation(ApiVersions.class);
      if (versions == null) {
        return true;
      }
      String version = request.getParameter("api-version");
      if (version == null || version.isBlank()) {
        throw ArmException.badRequest("MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.");
      }
      if (versions.value().length > 0 && Arrays.stream(versions.value()).noneMatch(version::equalsIgnoreCase)) {
        throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + version
            + "' is invalid. The supported versions are '" + String.join(",", versions.value()) + "'.");
      }
      return true;
    }
  }
}
