package io.seedship.runtime.azure.core;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * JSON over ARM's REST paths through the management pipeline, for providers without a usable SDK (Import/Export):
 * exact paths, typed bodies, ARM errors turned into {@link AzureException}s.
 */
public final class ArmRest {

  public static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final HttpPipeline pipeline;
  private final String endpoint;

  public ArmRest(HttpPipeline pipeline, String endpoint) {
    this.pipeline = pipeline;
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** {@code path} starts with '/'; {@code query} values are encoded here. Null body: none sent. */
  public <T> T send(String what, HttpMethod method, String path, Map<String, String> query, Object body,
      Set<Integer> expected, Class<T> type) {
    return send(what, method, url(path, query), body, expected, JSON.constructType(type));
  }

  public <T> T send(String what, HttpMethod method, String url, Object body, Set<Integer> expected, JavaType type) {
    Reply reply = exchange(what, method, url, body, expected);
    if (type == null || reply.body() == null || reply.body().isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(reply.body(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": cannot read the JSON body", e);
    }
  }

  /** An answer with its headers, for calls whose result is in them (an asynchronous operation's URL). */
  public record Reply(int status, HttpHeaders headers, String body) {
    public String header(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }
  }

  /** As {@link #send}, answering the status, headers and body text instead of a typed body. */
  public Reply exchange(String what, HttpMethod method, String url, Object body, Set<Integer> expected) {
    HttpRequest request = new HttpRequest(method, url);
    request.setHeader(HttpHeaderName.ACCEPT, "application/json");
    try {
      if (body != null) {
        request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
        request.setBody(JSON.writeValueAsBytes(body));
      }
      try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
        String text = response.getBodyAsBinaryData() == null ? null : response.getBodyAsBinaryData().toString();
        if (!expected.contains(response.getStatusCode())) {
          throw AzureErrors.fromResponse(what, response.getStatusCode(), response.getHeaders(), text);
        }
        return new Reply(response.getStatusCode(), response.getHeaders(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": cannot write the JSON body", e);
    } catch (AzureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw AzureErrors.translate(what, e);
    }
  }

  public String url(String path, Map<String, String> query) {
    StringJoiner parameters = new StringJoiner("&", "?", "");
    query.forEach((name, value) -> {
      if (value != null) {
        parameters.add(encode(name) + "=" + encode(value));
      }
    });
    return endpoint + path + (query.isEmpty() ? "" : parameters.toString());
  }

  /** A path segment: ARM names may hold spaces ("West US") or other characters that need escaping. */
  public static String segment(String value) {
    return encode(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
