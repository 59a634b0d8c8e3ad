package io.seedship.localazure.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Absolute Graph URLs as the client reached them, for {@code @odata.context} and {@code @odata.nextLink}. */
final class GraphUrls {

  private GraphUrls() {
  }

  static String base(HttpServletRequest request) {
    return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + "/graph/v1.0/";
  }

  static String context(HttpServletRequest request, String fragment) {
    return base(request) + "$metadata#" + fragment;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
