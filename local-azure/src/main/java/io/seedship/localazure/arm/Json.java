package io.seedship.localazure.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON on the wire, as trees: local-azure answers exactly what it stores, and validates requests against the
 * published definitions (Jackson 2 trees, which the schema validator reads).
 */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  public static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

  private Json() {
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** The request body as an object, or a 400 InvalidRequestContent naming what is wrong. */
  public static ObjectNode parseObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid: the body is empty.");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ArmException.badRequest("InvalidRequestContent",
            "The request content was invalid: expected a JSON object.");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw ArmException.badRequest("InvalidRequestContent",
          "The request content was invalid and could not be deserialized: " + firstLine(e.getMessage()));
    }
  }

  public static ResponseEntity<String> respond(int status, JsonNode body) {
    return ResponseEntity.status(status).contentType(JSON).body(write(body));
  }

  public static ResponseEntity<String> respond(int status, JsonNode body, HttpHeaders headers) {
    return ResponseEntity.status(status).headers(headers).contentType(JSON).body(write(body));
  }

  public static ResponseEntity<String> ok(JsonNode body) {
    return respond(200, body);
  }

  /** A one-page ARM list: {@code {"value":[...]}}. */
  public static ResponseEntity<String> page(java.util.List<? extends JsonNode> items) {
    ObjectNode page = object();
    ArrayNode value = page.putArray("value");
    items.forEach(value::add);
    return ok(page);
  }

  /** An error written straight to the servlet response, for filters that answer before any controller. */
  public static void writeError(jakarta.servlet.http.HttpServletResponse response, int status, String code,
      String message) throws IOException {
    response.setStatus(status);
    response.setContentType(JSON.toString());
    response.getOutputStream().write(write(error(code, message, null)).getBytes(StandardCharsets.UTF_8));
  }

  public static String write(JsonNode body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode error(String code, String message, String target) {
    ObjectNode error = object();
    error.put("code", code);
    error.put("message", message);
    if (target != null) {
      error.put("target", target);
    }
    ObjectNode root = object();
    root.set("error", error);
    return root;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
