package io.seedship.localazure.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** Which Azure service a request path belongs to: they differ in audience and in error shape. */
public enum ServiceAreas {
  ARM, GRAPH, OTHER;

  public static final String GRAPH_PREFIX = "/graph/";

  public static ServiceAreas of(HttpServletRequest request) {
    String path = request.getRequestURI().toLowerCase(Locale.ROOT);
    if (path.startsWith(GRAPH_PREFIX)) {
      return GRAPH;
    }
    if (path.startsWith("/subscriptions") || path.startsWith("/providers/") || path.equals("/tenants")) {
      return ARM;
    }
    return OTHER;
  }

  /** The subscription id in an ARM path, or null. */
  public static String subscriptionOf(HttpServletRequest request) {
    String[] parts = request.getRequestURI().split("/");
    return parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions") ? parts[2] : null;
  }
}
