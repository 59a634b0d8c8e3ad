package io.seedship.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seedship.contracts.Samples;
import io.seedship.contracts.command.SeedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared web runtime on a real Tomcat and Spring MVC with Boot's Jackson: every refused body answers
 * {@code application/problem+json} naming the field and the rule, whatever Jackson found wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SeedshipProblemAdviceTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  ConfigurableApplicationContext app;
  String base;

  @SpringBootConfiguration
  @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
      WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
      SeedshipWebAutoConfiguration.class})
  @RestController
  static class Echo {

    /** Binds the real contract class, as staging-service's front door does. */
    @PostMapping("/seeds")
    Map<String, String> seed(@RequestBody SeedRequest request) {
      return Map.of("importJobName", request.getImportJobName(), "cloud", String.valueOf(request.getCloud()));
    }
  }

  @BeforeAll
  void start() {
    app = new SpringApplicationBuilder(Echo.class).properties("server.port=0", "spring.main.banner-mode=off",
        "spring.cloud.stream.enabled=false").run();
    base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aValidBodyBinds() throws Exception {
    HttpResponse<String> ok = post(valid());

    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("\"importJobName\":\"seed-1\"");
  }

  @Test
  void aWrongEnumValueNamesTheFieldAndTheAcceptedValues() throws Exception {
    JsonNode problem = refused(post(valid().replace("\"cloud\":\"LOCAL\"", "\"cloud\":\"AZURE\"")), 400);

    assertThat(only(problem)).isEqualTo(Map.of("field", "cloud", "message",
        "cloud 'AZURE' is not one of AZURE_PUBLIC, AZURE_US_GOVERNMENT, AZURE_CHINA, LOCAL, UNKNOWN"));
    assertThat(problem.get("title").asText()).isEqualTo("Invalid request");
    assertThat(problem.get("type").asText()).isEqualTo("urn:seedship:problem:invalid-request");
    assertThat(problem.get("detail").asText()).startsWith("cloud 'AZURE' is not one of");
  }

  @Test
  void aStringWhereAnObjectBelongsNamesTheField() throws Exception {
    String body = valid().replaceFirst("\"returnAddress\":\\{[^}]*}", "\"returnAddress\":\"1 Main St\"");

    assertThat(only(refused(post(body), 400))).containsEntry("field", "returnAddress")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("returnAddress must be an object"));
  }

  @Test
  void aTopLevelArrayIsNamedAsTheBody() throws Exception {
    assertThat(only(refused(post("[" + valid() + "]"), 400))).containsEntry("field", "$")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("the request body must be an object"));
  }

  @Test
  void malformedJsonSaysWhereWithoutQuotingTheInput() throws Exception {
    Map<String, String> problem = only(refused(post("{\"importJobName\": hunter2secret}"), 400));

    assertThat(problem).containsEntry("field", "$");
    assertThat(problem.get("message")).startsWith("the request body is not well-formed JSON (line 1, column ")
        .doesNotContain("hunter2secret");
  }

  @Test
  void anUnknownFieldIsRefusedWithTheCloseName() throws Exception {
    String body = valid().replace("\"stagingLocation\"", "\"stagingLocaton\"");

    assertThat(only(refused(post(body), 400))).isEqualTo(Map.of("field", "stagingLocaton", "message",
        "unknown field 'stagingLocaton' (did you mean 'stagingLocation'?): the request takes no field"
            + " 'stagingLocaton'; remove it or correct its name"));
  }

  @Test
  void anUnknownNestedFieldIsNamedWithItsPath() throws Exception {
    String body = valid().replace("\"city\"", "\"cty\"");

    assertThat(only(refused(post(body), 400))).containsEntry("field", "returnAddress.cty")
        .hasEntrySatisfying("message", m -> assertThat(m).startsWith("unknown field 'returnAddress.cty' (did you"
            + " mean 'city'?): returnAddress takes no field 'cty'"));
  }

  @Test
  void aMissingBodyIsNamed() throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/seeds"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(only(refused(response, 400))).containsEntry("field", "$");
  }

  @Test
  void aBodyOverTheLimitIs413NamingTheLimit() throws Exception {
    String huge = valid().replace("\"seed-1\"", "\"" + "x".repeat(5 << 20) + "\"");

    JsonNode problem = refused(post(huge), 413);

    assertThat(problem.get("title").asText()).isEqualTo("Request body too large");
    assertThat(only(problem)).containsEntry("field", "$").hasEntrySatisfying("message", m -> assertThat(m)
        .startsWith("the request body is larger than 64 KiB, the most a Seedship service takes"
            + " (seedship.web.max-request-body)"));
  }

  @Test
  void aChunkedBodyOverTheLimitIsCutAtTheLimit() throws Exception {
    byte[] huge = valid().replace("\"seed-1\"", "\"" + "x".repeat(200_000) + "\"").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/seeds"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(only(refused(response, 413)).get("message")).contains("64 KiB");
  }

  @Test
  void otherRefusalsOfTheFrameworkHaveTheSameShape() throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/seeds")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    JsonNode problem = refused(response, 405);
    assertThat(problem.get("problems").isArray()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static String valid() {
    return Samples.requestSeed("seed-1").getRequest().toString().replace("\": ", "\":").replace(", \"", ",\"")
        .replaceAll("\"importJobName\":\"[^\"]*\"", "\"importJobName\":\"seed-1\"")
        .replaceAll("\"cloud\":\"[A-Z_]*\"", "\"cloud\":\"LOCAL\"");
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/seeds")).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode refused(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    return problem;
  }

  private static Map<String, String> only(JsonNode problem) {
    JsonNode problems = problem.get("problems");
    assertThat(problems).as(problem.toString()).hasSize(1);
    return Map.of("field", problems.get(0).get("field").asText(), "message", problems.get(0).get("message").asText());
  }
}
