package io.seedship.runtime.test;

import io.seedship.localazure.LocalAzure;
import io.seedship.localazure.test.TestLocalAzure;
import io.seedship.runtime.security.SeedshipRole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Plain HTTP to a service started by {@link ServiceRunner}, on the port it chose, with a bearer token ({@code null}:
 * none). {@link #as} mints one from the local-azure the service trusts.
 */
public record ServiceHttp(ConfigurableApplicationContext service, String token) {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** As a caller holding {@code roles}, with a token of {@code azure} (the local-azure the service is set up with). */
  public static ServiceHttp as(ConfigurableApplicationContext service, LocalAzure azure, SeedshipRole... roles) {
    return new ServiceHttp(service, TestLocalAzure.seedshipToken(azure,
        Arrays.stream(roles).map(SeedshipRole::appRole).toArray(String[]::new)));
  }

  /** As an operator: what most tests of a service's API do. */
  public static ServiceHttp operator(ConfigurableApplicationContext service, LocalAzure azure) {
    return as(service, azure, SeedshipRole.OPERATOR);
  }

  public String base() {
    return "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return CLIENT.send(json(path, json), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> postForBytes(String path, String json) throws IOException, InterruptedException {
    return CLIENT.send(json(path, json), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest json(String path, String json) {
    return request(path).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }
}
