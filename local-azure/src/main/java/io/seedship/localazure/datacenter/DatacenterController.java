package io.seedship.localazure.datacenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import datacenter's admin side (local-azure's, not Azure's; admin token as for the rest of
 * {@code /local-azure/*}): where drives are handed over, the virtual durations, and faults on demand per drive id.
 */
@RestController
@RequestMapping("/local-azure/import-export/datacenter")
public class DatacenterController {

  private static final List<String> FAULT_FIELDS = List.of("fault", "blobPath", "blockIndex");

  private final ImportDatacenter datacenter;

  public DatacenterController(ImportDatacenter datacenter) {
    this.datacenter = datacenter;
  }

  /** The dock (and what is in it), the work directory, the durations, the faults and the tools missing, if any. */
  @GetMapping
  public ResponseEntity<String> describe() {
    ObjectNode body = Json.object();
    body.put("dockDir", datacenter.dock().dir().toString());
    var inDock = body.putArray("inDock");
    datacenter.dock().entries().stream().map(Path::getFileName).map(Path::toString).forEach(inDock::add);
    body.put("workDir", datacenter.workDir().toString());
    var settings = datacenter.settings();
    body.put("transit", settings.getTransit().toString());
    body.put("receiving", settings.getReceiving().toString());
    body.put("packaging", settings.getPackaging().toString());
    body.put("arrivalLimit", settings.getArrivalLimit().toString());
    body.put("closeAfter", settings.getCloseAfter().toString());
    body.put("finishedJobLifetime", settings.getFinishedJobLifetime().toString());
    var missing = body.putArray("missingTools");
    DriveTools.missing().forEach(missing::add);
    body.set("faults", faults(datacenter.faults()));
    return Json.ok(body);
  }

  @GetMapping("/faults")
  public ResponseEntity<String> listFaults() {
    return Json.ok(faults(datacenter.faults()));
  }

  /**
   * {@code {"fault":"WrongBitLockerKey"}}, {@code {"fault":"MissingFromPackage"}}, {@code {"fault":"NeverArrives"}} or
   * {@code {"fault":"CorruptedBlock","blobPath":"seeds/a/b","blockIndex":1}} (blobPath: the first blob when absent;
   * blockIndex: 0 when absent). Applies to copies and arrivals that start after the call.
   */
  @PutMapping("/faults/{driveId}")
  public ResponseEntity<String> setFault(@PathVariable String driveId, @RequestBody(required = false) byte[] body) {
    ObjectNode request = Json.parseObject(body);
    request.fieldNames().forEachRemaining(field -> {
      if (!FAULT_FIELDS.contains(field)) {
        throw ArmException.badRequest("InvalidFault", "'" + field + "' is not a drive fault field; they are "
            + FAULT_FIELDS + ".");
      }
    });
    String kind = request.path("fault").asText("");
    if (!DriveFault.KINDS.contains(kind)) {
      throw ArmException.badRequest("InvalidFault", "'fault' must be one of " + DriveFault.KINDS + ", not '" + kind
          + "'.");
    }
    JsonNode index = request.get("blockIndex");
    if (index != null && (!index.isIntegralNumber() || !index.canConvertToInt() || index.asInt() < 0)) {
      throw ArmException.badRequest("InvalidFault", "'blockIndex' must be a whole number of zero or more, not "
          + index + ".");
    }
    DriveFault fault = new DriveFault(DriveFault.Kind.valueOf(kind),
        request.hasNonNull("blobPath") ? request.get("blobPath").asText() : null, index == null ? 0 : index.asInt());
    datacenter.setFault(driveId, fault);
    return Json.ok(fault(driveId, fault));
  }

  @DeleteMapping("/faults/{driveId}")
  public ResponseEntity<String> clearFault(@PathVariable String driveId) {
    return datacenter.clearFault(driveId) ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
  }

  private static ObjectNode faults(Map<String, DriveFault> faults) {
    ObjectNode body = Json.object();
    var list = body.putArray("value");
    new TreeMap<>(faults).forEach((driveId, fault) -> list.add(fault(driveId, fault)));
    return body;
  }

  private static ObjectNode fault(String driveId, DriveFault fault) {
    ObjectNode node = Json.object();
    node.put("driveId", driveId);
    node.put("fault", fault.kind().name());
    if (fault.kind() == DriveFault.Kind.CorruptedBlock) {
      if (fault.blobPath() != null) {
        node.put("blobPath", fault.blobPath());
      }
      node.put("blockIndex", fault.blockIndex());
    }
    return node;
  }
}
