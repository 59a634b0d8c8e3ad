package io.seedship.localazure.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Microsoft.Resources: subscriptions, tenants and resource groups. */
@RestController
@ApiVersions
public class ResourceGroupsController {

  private static final String GROUP = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";

  private final Subscriptions subscriptions;
  private final ResourceGroups groups;
  private final String tenantId;

  public ResourceGroupsController(Subscriptions subscriptions, ResourceGroups groups,
      io.seedship.localazure.LocalAzureProperties properties) {
    this.subscriptions = subscriptions;
    this.groups = groups;
    this.tenantId = properties.getTenantId();
  }

  @PutMapping(GROUP)
  public ResponseEntity<String> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @RequestBody(required = false) byte[] body) {
    boolean created = groups.put(subscriptionId, resourceGroupName, Json.parseObject(body));
    return Json.respond(created ? 201 : 200, groups.require(subscriptionId, resourceGroupName));
  }

  @GetMapping(GROUP)
  public ResponseEntity<String> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
    return Json.ok(groups.require(subscriptionId, resourceGroupName));
  }

  @RequestMapping(value = GROUP, method = RequestMethod.HEAD)
  public ResponseEntity<Void> exists(@PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
    return groups.get(subscriptionId, resourceGroupName).isPresent()
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  @DeleteMapping(GROUP)
  public ResponseEntity<String> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
    // Azure answers 202 and finishes later; local-azure finishes at once, which clients see as a done operation
    return groups.delete(subscriptionId, resourceGroupName)
        ? ResponseEntity.ok().build()
        : ResponseEntity.noContent().build();
  }

  @GetMapping("/subscriptions/{subscriptionId}/resourcegroups")
  public ResponseEntity<String> list(@PathVariable String subscriptionId) {
    return Json.page(groups.list(subscriptionId));
  }

  @GetMapping("/subscriptions")
  public ResponseEntity<String> subscriptions() {
    ArrayNode value = Json.array();
    subscriptions.all().forEach(id -> value.add(subscription(id)));
    ObjectNode page = Json.object();
    page.set("value", value);
    return Json.ok(page);
  }

  @GetMapping("/subscriptions/{subscriptionId}")
  public ResponseEntity<String> getSubscription(@PathVariable String subscriptionId) {
    return Json.ok(subscription(subscriptions.require(subscriptionId)));
  }

  @GetMapping("/tenants")
  public ResponseEntity<String> tenants() {
    ObjectNode tenant = Json.object();
    tenant.put("id", "/tenants/" + tenantId);
    tenant.put("tenantId", tenantId);
    tenant.put("tenantCategory", "Home");
    tenant.put("displayName", "Seedship local tenant");
    ObjectNode page = Json.object();
    page.putArray("value").add(tenant);
    return Json.ok(page);
  }

  private ObjectNode subscription(String id) {
    ObjectNode subscription = Json.object();
    subscription.put("id", "/subscriptions/" + id);
    subscription.put("subscriptionId", id);
    subscription.put("tenantId", tenantId);
    subscription.put("displayName", "local-azure " + id);
    subscription.put("state", "Enabled");
    ObjectNode policies = subscription.putObject("subscriptionPolicies");
    policies.put("locationPlacementId", "Public_2014-09-01");
    policies.put("quotaId", "PayAsYouGo_2014-09-01");
    policies.put("spendingLimit", "Off");
    subscription.put("authorizationSource", "RoleBased");
    return subscription;
  }
}
