package io.seedship.runtime.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.context.ConfigurableApplicationContext;

/** Plain HTTP to a service started by {@link ServiceRunner}, on the port it chose. */
public record ServiceHttp(ConfigurableApplicationContext service) {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public String base() {
    return "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return CLIENT.send(json(path, json), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> postForBytes(String path, String json) throws IOException, InterruptedException {
    return CLIENT.send(json(path, json), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest json(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base() + path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }
}
