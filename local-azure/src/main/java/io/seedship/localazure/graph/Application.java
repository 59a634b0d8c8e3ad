package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import java.time.Instant;
import java.util.List;

/**
 * An application registration. {@code servicePrincipalId} is the object id its tokens carry: local-azure treats
 * every registered application as having a service principal in the one tenant. {@code other} holds the writable
 * properties local-azure only stores and returns (identifierUris, web, tags...).
 */
public record Application(String id, String appId, String servicePrincipalId, String displayName,
    Instant createdDateTime, List<KeyCredential> keyCredentials, ObjectNode other) {

  public ObjectNode toJson() {
    return toJson(false);
  }

  /** {@code withKeys}: Graph returns the certificates' public keys only on a single GET with $select=keyCredentials. */
  public ObjectNode toJson(boolean withKeys) {
    ObjectNode node = Json.object();
    node.put("id", id);
    node.putNull("deletedDateTime");
    node.put("appId", appId);
    node.put("createdDateTime", createdDateTime.toString());
    node.put("displayName", displayName);
    node.put("signInAudience", "AzureADMyOrg");
    node.set("identifierUris", Json.array());
    node.set("tags", Json.array());
    node.set("requiredResourceAccess", Json.array());
    node.setAll(other.deepCopy());
    ArrayNode keys = node.putArray("keyCredentials");
    keyCredentials.forEach(k -> keys.add(withKeys ? k.toJsonWithKey() : k.toJson()));
    // password credentials are added through addPassword, which local-azure does not serve: always empty
    node.set("passwordCredentials", Json.array());
    return node;
  }
}
