package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.ArmLocations;
import io.seedship.localazure.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Import/Export datacenters drives are shipped to. Data, not code ({@code importexport/locations.json}): a job's
 * shippingInformation is copied from here, so West US must be exactly what the published GetLocation example says.
 */
@Component
public class Locations {

  static final String RESOURCE = "importexport/locations.json";

  private final List<ObjectNode> all;

  public Locations() {
    this.all = load();
  }

  public List<ObjectNode> all() {
    return all.stream().map(ObjectNode::deepCopy).toList();
  }

  /** By display name or short name, as Azure accepts both ("West US", "westus"). */
  public Optional<ObjectNode> find(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String wanted = ArmLocations.normalize(name);
    return all.stream()
        .filter(l -> ArmLocations.normalize(l.path("name").asText()).equals(wanted) || shortName(l).equals(wanted))
        .findFirst()
        .map(ObjectNode::deepCopy);
  }

  public ObjectNode require(String name) {
    return find(name).orElseThrow(() -> ArmException.notFound("LocationNotFound",
        "The location '" + name + "' is not an Import/Export location. Known locations: " + names() + "."));
  }

  public List<String> names() {
    return all.stream().map(l -> l.path("name").asText()).toList();
  }

  /** A job's {@code shippingInformation}: the datacenter's address under the job's field names. */
  public static ObjectNode shippingInformation(ObjectNode location) {
    JsonNode p = location.path("properties");
    ObjectNode info = Json.object();
    for (String field : List.of("recipientName", "streetAddress1", "streetAddress2", "city", "stateOrProvince",
        "postalCode", "countryOrRegion", "phone")) {
      info.put(field, p.path(field).asText(""));
    }
    info.put("additionalInformation", p.path("additionalShippingInformation").asText(""));
    return info;
  }

  private static String shortName(ObjectNode location) {
    String id = location.path("id").asText();
    return ArmLocations.normalize(id.substring(id.lastIndexOf('/') + 1));
  }

  private static List<ObjectNode> load() {
    try (InputStream in = Locations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      List<ObjectNode> locations = new ArrayList<>();
      ((ArrayNode) Json.MAPPER.readTree(in)).forEach(node -> locations.add((ObjectNode) node));
      return List.copyOf(locations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
