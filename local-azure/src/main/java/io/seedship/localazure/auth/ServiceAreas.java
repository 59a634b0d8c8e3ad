package io.seedship.localazure.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Which service a request path belongs to: they differ in audience and in error shape. ADMIN is local-azure's own
 * control API, which takes ARM's tokens and error shape; its health probe stays open (probes carry no credentials).
 */
public enum ServiceAreas {
  ARM, GRAPH, ADMIN, OTHER;

  public static final String GRAPH_PREFIX = "/graph/";
  public static final String ADMIN_PREFIX = "/local-azure/";
  public static final String HEALTH = ADMIN_PREFIX + "health";

  public static ServiceAreas of(HttpServletRequest request) {
    String path = path(request).toLowerCase(Locale.ROOT);
    if (path.startsWith(GRAPH_PREFIX)) {
      return GRAPH;
    }
    if (path.startsWith(ADMIN_PREFIX) || path.equals("/local-azure")) {
      return path.equals(HEALTH) ? OTHER : ADMIN;
    }
    if (path.startsWith("/subscriptions") || path.startsWith("/providers/") || path.equals("/tenants")) {
      return ARM;
    }
    return OTHER;
  }

  /**
   * The path as the server routes it: decoded, dot segments and doubled slashes resolved, {@code ;params} dropped.
   * The raw request URI keeps those, so {@code /local-azure;x/faults} would otherwise reach the admin API unchecked.
   */
  static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? request.getRequestURI() : path;
  }

  /** The subscription id in an ARM path, or null. */
  public static String subscriptionOf(HttpServletRequest request) {
    String[] parts = request.getRequestURI().split("/");
    return parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions") ? parts[2] : null;
  }
}
