package io.seedship.localazure.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.ApiVersions;
import io.seedship.localazure.arm.Json;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Microsoft.Storage/storageAccounts over ARM; answers synchronously with the statuses the SDK expects. */
@RestController
@ApiVersions
public class StorageAccountsController {

  private static final String ACCOUNT = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
      + "/providers/Microsoft.Storage/storageAccounts/{accountName}";

  private final StorageAccounts accounts;

  public StorageAccountsController(StorageAccounts accounts) {
    this.accounts = accounts;
  }

  @PutMapping(ACCOUNT)
  public ResponseEntity<String> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String accountName, @RequestBody(required = false) byte[] body) {
    accounts.put(subscriptionId, resourceGroupName, accountName, Json.parseObject(body));
    // Azure answers 200 (done) or 202 (running) to a create, never 201
    return Json.ok(accounts.require(subscriptionId, resourceGroupName, accountName));
  }

  @GetMapping(ACCOUNT)
  public ResponseEntity<String> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String accountName) {
    return Json.ok(accounts.require(subscriptionId, resourceGroupName, accountName));
  }

  @DeleteMapping(ACCOUNT)
  public ResponseEntity<String> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String accountName) {
    return accounts.delete(subscriptionId, resourceGroupName, accountName)
        ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
  }

  @PostMapping(ACCOUNT + "/listKeys")
  public ResponseEntity<String> listKeys(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String accountName) {
    return Json.ok(accounts.keys(subscriptionId, resourceGroupName, accountName));
  }

  @GetMapping("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts")
  public ResponseEntity<String> listByGroup(@PathVariable String subscriptionId,
      @PathVariable String resourceGroupName) {
    return Json.page(accounts.list(subscriptionId, resourceGroupName));
  }

  @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts")
  public ResponseEntity<String> list(@PathVariable String subscriptionId) {
    return Json.page(accounts.list(subscriptionId, null));
  }

  @PostMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Storage/checkNameAvailability")
  public ResponseEntity<String> checkName(@PathVariable String subscriptionId,
      @RequestBody(required = false) byte[] body) {
    String name = Json.parseObject(body).path("name").asText();
    ObjectNode answer = Json.object();
    if (!StorageAccounts.NAME.matcher(name).matches()) {
      answer.put("nameAvailable", false).put("reason", "AccountNameInvalid")
          .put("message", name + " is not a valid storage account name.");
    } else if (!accounts.nameAvailable(name)) {
      answer.put("nameAvailable", false).put("reason", "AlreadyExists")
          .put("message", "The storage account named " + name + " is already taken.");
    } else {
      answer.put("nameAvailable", true);
    }
    return Json.ok(answer);
  }

}
