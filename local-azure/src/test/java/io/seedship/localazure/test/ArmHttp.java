package io.seedship.localazure.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.arm.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTPS calls to local-azure for tests that check the wire itself (status, headers, JSON). */
public final class ArmHttp {

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final LocalAzure azure;
  private final HttpClient client;
  private final String token;

  public ArmHttp(LocalAzure azure, String token) {
    this.azure = azure;
    this.token = token;
    this.client = HttpClient.newBuilder().sslContext(azure.certificates().sslContext()).build();
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json);
  }

  public Reply patch(String path, String json) {
    return send("PATCH", path, json);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** {@code path} is relative to the ARM endpoint, with its query (e.g. {@code subscriptions/x?api-version=...}). */
  public Reply send(String method, String path, String json) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(azure.armEndpoint() + relative))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode node = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
      return new Reply(response.statusCode(), node, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
