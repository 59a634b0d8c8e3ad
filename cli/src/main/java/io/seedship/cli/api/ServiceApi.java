package io.seedship.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.cli.failure.CliFailure;
import io.seedship.cli.failure.Exit;
import io.seedship.cli.config.CliConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Seedship's HTTP APIs with the signed-in caller's bearer token. A refusal becomes a {@link CliFailure} that says
 * what the service said (a 400 lists every field it refused) and what to do, with its {@link Exit} code.
 */
public final class ServiceApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliConfig config;
  private final Supplier<String> token;
  private final HttpClient http;

  public ServiceApi(CliConfig config, Supplier<String> token, HttpClient http) {
    this.config = config;
    this.token = token;
    this.http = http;
  }

  public JsonNode get(String service, String path) {
    return json(send(service, HttpRequest.newBuilder(uri(service, path)).GET(), "application/json"));
  }

  public JsonNode post(String service, String path, Object body) {
    return json(send(service, post(uri(service, path), body), "application/json"));
  }

  /** A POST whose answer is a file (a PKCS#12 export). */
  public byte[] postForBytes(String service, String path, Object body, String accept) {
    return send(service, post(uri(service, path), body), accept).body();
  }

  private HttpRequest.Builder post(URI uri, Object body) {
    try {
      return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the request body", e);
    }
  }

  private URI uri(String service, String path) {
    return URI.create(config.url(service) + path);
  }

  private HttpResponse<byte[]> send(String service, HttpRequest.Builder request, String accept) {
    HttpRequest built = request.header("Authorization", "Bearer " + token.get()).header("Accept",
        accept + ", application/problem+json").timeout(Duration.ofSeconds(60)).build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliFailure(Exit.UNAVAILABLE, service + " does not answer at " + config.url(service)
          + ": is it running? (url." + service + " in " + config.file() + ")");
    } catch (IOException e) {
      throw new CliFailure(Exit.UNAVAILABLE, service + " at " + config.url(service) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(Exit.FAILED, "interrupted waiting for " + service);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    String detail = problem(response.body());
    throw switch (status) {
      case 400, 409, 413, 415, 422 -> new CliFailure(Exit.BAD_INPUT, service + " refused the request: " + detail);
      case 401 -> new CliFailure(Exit.NOT_ALLOWED, service + " did not accept your sign-in (" + detail
          + "): run 'seedship login' again");
      case 403 -> new CliFailure(Exit.NOT_ALLOWED, service + " refused you: " + detail
          + " (ask for the role, then run 'seedship login' again)");
      case 404 -> new CliFailure(Exit.NOT_FOUND, service + ": not found" + (detail.isEmpty() ? "" : ": " + detail));
      default -> new CliFailure(Exit.UNAVAILABLE, service + " answered " + status + ": " + detail
          + " (its log says more)");
    };
  }

  /** A problem document as one message: its detail, then each refused field. */
  static String problem(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode problem = JSON.readTree(body);
      StringBuilder text = new StringBuilder(problem.path("detail").asText(problem.path("title").asText("")));
      for (JsonNode field : problem.path("problems")) {
        text.append("\n  ").append(field.path("field").asText()).append(": ").append(field.path("message").asText());
      }
      return text.toString();
    } catch (IOException e) {
      String raw = new String(body, StandardCharsets.UTF_8);
      return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CliFailure(Exit.UNAVAILABLE, "the answer from " + response.uri() + " is not JSON");
    }
  }
}
