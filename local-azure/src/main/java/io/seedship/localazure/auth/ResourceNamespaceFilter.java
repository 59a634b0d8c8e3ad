package io.seedship.localazure.auth;

import io.seedship.localazure.arm.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * ARM answers a path naming a resource provider namespace it does not know with 400 InvalidResourceNamespace, before
 * routing; without this, such paths fall through to a 404 (GET) or 405 (PUT) from the static-resource handler. The
 * known namespaces are those the controllers map, plus ARM's own Microsoft.Resources. Runs after authentication,
 * as ARM does.
 */
@Component
@Order(30)
public class ResourceNamespaceFilter extends OncePerRequestFilter {

  /** Each namespace after a {@code providers} segment (extension resources may name several). */
  private static final Pattern NAMESPACE = Pattern.compile("/providers/([^/{}]+)", Pattern.CASE_INSENSITIVE);
  private static final String ARM_OWN = "Microsoft.Resources";

  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private volatile Map<String, String> known;

  public ResourceNamespaceFilter(
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (ServiceAreas.of(request) == ServiceAreas.ARM) {
      Matcher m = NAMESPACE.matcher(request.getRequestURI());
      while (m.find()) {
        if (!known().containsKey(m.group(1).toLowerCase(Locale.ROOT))) {
          Json.writeError(response, 400, "InvalidResourceNamespace",
              "The resource namespace '" + m.group(1) + "' is invalid.");
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  /** Lower-case namespace to its spelling, read from the mappings once they exist (after this filter is made). */
  Map<String, String> known() {
    Map<String, String> result = known;
    if (result == null) {
      result = new TreeMap<>();
      result.put(ARM_OWN.toLowerCase(Locale.ROOT), ARM_OWN);
      for (var info : mappings.getObject().getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          Matcher m = NAMESPACE.matcher(pattern);
          while (m.find()) {
            result.put(m.group(1).toLowerCase(Locale.ROOT), m.group(1));
          }
        }
      }
      known = result;
    }
    return result;
  }
}
