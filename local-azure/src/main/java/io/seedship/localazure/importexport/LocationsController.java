package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ApiVersions;
import io.seedship.localazure.arm.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Microsoft.ImportExport's tenant-level reads: where to ship drives, and what the provider can do. */
@RestController
@ApiVersions(ImportExport.API_VERSION)
public class LocationsController {

  private final Locations locations;
  private final ArrayNode operations;

  public LocationsController(Locations locations) {
    this.locations = locations;
    this.operations = readArray("importexport/operations.json");
  }

  @GetMapping(ImportExport.PROVIDER + "/locations")
  public ResponseEntity<String> list() {
    ObjectNode page = Json.object();
    ArrayNode value = page.putArray("value");
    locations.all().forEach(value::add);
    return Json.ok(page);
  }

  @GetMapping(ImportExport.PROVIDER + "/locations/{locationName}")
  public ResponseEntity<String> get(@PathVariable String locationName) {
    return Json.ok(locations.require(locationName));
  }

  @GetMapping(ImportExport.PROVIDER + "/operations")
  public ResponseEntity<String> operations() {
    ObjectNode page = Json.object();
    page.set("value", operations.deepCopy());
    return Json.ok(page);
  }

  private static ArrayNode readArray(String resource) {
    try (InputStream in = LocationsController.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return (ArrayNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
