package io.seedship.localazure.arm;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** ARM's api-version shape: a date, optionally with a suffix such as -preview. */
    private static final Pattern WELL_FORMED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[A-Za-z]+)?");
    private static final Pattern PROVIDER_TYPE = Pattern.compile("/providers/([^/]+)/([^/?]+)",
        Pattern.CASE_INSENSITIVE);

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
        // as ARM: a date-shaped version the provider lacks is NoRegisteredProviderFound, anything else is invalid
        if (!WELL_FORMED.matcher(version).matches()) {
          throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + version
              + "' is invalid. The supported versions are '" + String.join(",", versions.value()) + "'.");
        }
        throw ArmException.badRequest("NoRegisteredProviderFound", "No registered resource provider found for API"
            + " version '" + version + "' and type '" + resourceType(request.getRequestURI())
            + "'. The supported api-versions are '" + String.join(", ", versions.value()) + "'.");
      }
      return true;
    }

    /** {@code Namespace/type} from the last providers segment of an ARM path, e.g. Microsoft.ImportExport/jobs. */
    static String resourceType(String path) {
      Matcher m = PROVIDER_TYPE.matcher(path);
      String type = null;
      while (m.find()) {
        type = m.group(1) + "/" + m.group(2);
      }
      return type != null ? type : path;
    }
  }
}
