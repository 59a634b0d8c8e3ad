package io.seedship.localazure.recoveryservices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ApiVersions;
import io.seedship.localazure.arm.Json;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Microsoft.RecoveryServices/vaults over ARM, finished synchronously (201 new, 200 updated, 204 deleted). */
@RestController
@ApiVersions
public class VaultsController {

  private static final String GROUP_VAULTS =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults";
  private static final String VAULT = GROUP_VAULTS + "/{vaultName}";

  private final Vaults vaults;

  public VaultsController(Vaults vaults) {
    this.vaults = vaults;
  }

  @PutMapping(VAULT)
  public ResponseEntity<String> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName, @RequestBody(required = false) byte[] body) {
    boolean created = vaults.put(subscriptionId, resourceGroupName, vaultName, Json.parseObject(body));
    return Json.respond(created ? 201 : 200, vaults.require(subscriptionId, resourceGroupName, vaultName));
  }

  @GetMapping(VAULT)
  public ResponseEntity<String> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName) {
    return Json.ok(vaults.require(subscriptionId, resourceGroupName, vaultName));
  }

  @DeleteMapping(VAULT)
  public ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String vaultName) {
    vaults.delete(subscriptionId, resourceGroupName, vaultName);
    return ResponseEntity.noContent().build();
  }

  @GetMapping(GROUP_VAULTS)
  public ResponseEntity<String> listByGroup(@PathVariable String subscriptionId,
      @PathVariable String resourceGroupName) {
    return Json.page(vaults.list(subscriptionId, resourceGroupName));
  }

  @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.RecoveryServices/vaults")
  public ResponseEntity<String> list(@PathVariable String subscriptionId) {
    return Json.page(vaults.list(subscriptionId, null));
  }

}
