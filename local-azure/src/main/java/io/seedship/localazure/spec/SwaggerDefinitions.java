package io.seedship.localazure.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.seedship.localazure.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A published Swagger 2.0 definition used as the contract: requests are checked against it before any rule runs,
 * and tests check every answer against it, so local-azure cannot drift from what the real SDKs were generated from.
 *
 * <p>Swagger is not JSON Schema, so the definitions are adapted once at load time, the way AutoRest reads them:
 * <ul>
 *   <li>a schema with {@code properties} and no {@code type} is an object (Swagger implies it);</li>
 *   <li>{@code readOnly} is dropped: a client may echo server-set fields back, and the service ignores them;</li>
 *   <li>{@code enum} under {@code x-ms-enum.modelAsString: true} is dropped: such enums are open, new values must not
 *       break old clients;</li>
 *   <li>the reference to ARM's common {@code systemData} (a file outside this definition) is replaced with an inline
 *       equivalent of common-types v2, so nothing is fetched.</li>
 * </ul>
 * The validator reads the result as JSON Schema draft 4, the dialect Swagger 2.0 is built on.
 */
public final class SwaggerDefinitions {

  /** A broken rule: where ({@code $.properties.driveList[0].driveId}), which keyword, and the validator's words. */
  public record Violation(String path, String rule, String message) {
    @Override
    public String toString() {
      return message + " (rule '" + rule + "')";
    }
  }

  /** The values common-types lists for {@code createdByType} and {@code lastModifiedByType}. */
  public static final List<String> IDENTITY_TYPES = List.of("User", "Application", "ManagedIdentity", "Key");

  private static final String SYSTEM_DATA = "systemData";
  private static final Map<String, SwaggerDefinitions> LOADED = new ConcurrentHashMap<>();

  private final ObjectNode definitions;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();

  private SwaggerDefinitions(ObjectNode swagger) {
    ObjectNode defs = (ObjectNode) swagger.path("definitions").deepCopy();
    defs.properties().forEach(entry -> adapt(entry.getValue()));
    defs.set(SYSTEM_DATA, systemData());
    this.definitions = defs;
  }

  /** The definition at a classpath location (e.g. {@code storageimportexport.json}), loaded once per JVM. */
  public static SwaggerDefinitions classpath(String resource) {
    return LOADED.computeIfAbsent(resource, SwaggerDefinitions::load);
  }

  /** Import/Export 2021-01-01, as published. */
  public static SwaggerDefinitions importExport() {
    return classpath("storageimportexport.json");
  }

  private static SwaggerDefinitions load(String resource) {
    try (InputStream in = SwaggerDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no Swagger definition on the classpath at " + resource);
      }
      return new SwaggerDefinitions((ObjectNode) Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean has(String definition) {
    return definitions.has(definition);
  }

  /** Every violation of {@code definition} by {@code value}, ordered by path; empty when it conforms. */
  public List<Violation> validate(String definition, JsonNode value) {
    JsonSchema schema = schemas.computeIfAbsent(definition, this::schema);
    return schema.validate(value).stream()
        .map(m -> new Violation(m.getInstanceLocation().toString(), m.getType(), m.getMessage()))
        .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::rule))
        .toList();
  }

  private JsonSchema schema(String definition) {
    if (!definitions.has(definition)) {
      throw new IllegalArgumentException("the Swagger definition has no definition '" + definition + "'");
    }
    ObjectNode root = Json.object();
    root.put("$ref", "#/definitions/" + definition);
    root.set("definitions", definitions);
    return factory.getSchema(root, config);
  }

  /** Rewrites one Swagger schema (and those inside it) into plain draft 4. */
  private static void adapt(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.asText().endsWith("/definitions/" + SYSTEM_DATA) && !ref.asText().startsWith("#")) {
      schema.put("$ref", "#/definitions/" + SYSTEM_DATA);
    }
    JsonNode xmsEnum = schema.get("x-ms-enum");
    if (xmsEnum != null && xmsEnum.path("modelAsString").asBoolean(false)) {
      schema.remove("enum");
    }
    schema.remove("readOnly");
    for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
      if (names.next().startsWith("x-")) {
        names.remove();
      }
    }
    if (schema.has("properties") && !schema.has("type") && !schema.has("$ref")) {
      schema.put("type", "object");
    }
    if (schema.get("properties") instanceof ObjectNode properties) {
      properties.properties().forEach(p -> adapt(p.getValue()));
    }
    adapt(schema.get("items"));
    adapt(schema.get("additionalProperties"));
    if (schema.get("allOf") instanceof ArrayNode allOf) {
      allOf.forEach(SwaggerDefinitions::adapt);
    }
  }

  /** common-types/resource-management/v2/types.json#/definitions/systemData, inline. */
  private static ObjectNode systemData() {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("createdBy").put("type", "string");
    properties.set("createdByType", identityType());
    properties.putObject("createdAt").put("type", "string").put("format", "date-time");
    properties.putObject("lastModifiedBy").put("type", "string");
    properties.set("lastModifiedByType", identityType());
    properties.putObject("lastModifiedAt").put("type", "string").put("format", "date-time");
    return schema;
  }

  /**
   * Common-types marks this enum {@code modelAsString: true} (open), yet it is kept closed here: systemData is
   * read-only, so it never refuses a request, and it holds local-azure's answers to the exact values (the published
   * examples say "application", which real ARM does not send).
   */
  private static ObjectNode identityType() {
    ObjectNode type = Json.object();
    type.put("type", "string");
    ArrayNode values = type.putArray("enum");
    IDENTITY_TYPES.forEach(values::add);
    return type;
  }
}
