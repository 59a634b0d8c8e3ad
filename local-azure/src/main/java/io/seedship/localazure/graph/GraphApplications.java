package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The tenant's application registrations, in memory. Writes are serialized so a PATCH is all-or-nothing; reads see
 * immutable snapshots.
 */
@Component
public class GraphApplications {

  /** Set by Graph, never by the caller: silently ignored in bodies, as Graph does for a read-back object. */
  private static final Set<String> READ_ONLY = Set.of("id", "appId", "createdDateTime", "deletedDateTime",
      "publisherDomain", "passwordCredentials", "signInAudience");

  private final Map<String, Application> byId = new ConcurrentHashMap<>();
  private final java.util.Set<String> protectedIds = ConcurrentHashMap.newKeySet();
  private final Clock clock = Clock.systemUTC();

  public synchronized Application create(ObjectNode body) {
    String displayName = text(body.get("displayName"));
    if (displayName == null) {
      throw GraphException.invalidValue("displayName");
    }
    List<KeyCredential> keys = KeyCredentials.parse(body.get("keyCredentials"), List.of());
    Application app = new Application(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), displayName, clock.instant().truncatedTo(ChronoUnit.SECONDS), keys,
        others(body, Json.object()));
    byId.put(app.id(), app);
    return app;
  }

  /**
   * Marks an application as one the callers do not own and may not change: the case of a caller with only
   * Application.ReadWrite.OwnedBy, or a user who is not an owner. PATCH and DELETE then fail as Graph fails them.
   */
  public synchronized void protect(String id) {
    protectedIds.add(get(id).id());
  }

  private void checkMayChange(Application app) {
    if (protectedIds.contains(app.id())) {
      throw new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
  }

  /** Applies a PATCH: present properties replace, keyCredentials as a whole collection. */
  public synchronized void update(String id, ObjectNode body) {
    Application current = get(id);
    checkMayChange(current);
    String displayName = current.displayName();
    if (body.has("displayName")) {
      displayName = text(body.get("displayName"));
      if (displayName == null) {
        throw GraphException.invalidValue("displayName");
      }
    }
    List<KeyCredential> keys = body.has("keyCredentials")
        ? KeyCredentials.parse(body.get("keyCredentials"), current.keyCredentials())
        : current.keyCredentials();
    byId.put(current.id(), new Application(current.id(), current.appId(), current.servicePrincipalId(), displayName,
        current.createdDateTime(), keys, others(body, current.other().deepCopy())));
  }

  public synchronized void delete(String id) {
    checkMayChange(get(id));
    if (byId.remove(id.toLowerCase()) == null) {
      throw GraphException.notFound(id);
    }
  }

  public Application get(String id) {
    Application app = byId.get(id.toLowerCase());
    if (app == null) {
      throw GraphException.notFound(id);
    }
    return app;
  }

  public Optional<Application> byAppId(String appId) {
    return byId.values().stream().filter(a -> a.appId().equalsIgnoreCase(appId)).findFirst();
  }

  /** The matching applications in a stable order (by object id), so skip tokens survive concurrent writes. */
  public List<Application> list(Predicate<Application> filter) {
    return byId.values().stream().filter(filter).sorted(Comparator.comparing(Application::id)).toList();
  }

  private static ObjectNode others(ObjectNode body, ObjectNode into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (!name.startsWith("@odata.") && !READ_ONLY.contains(name) && !name.equals("displayName")
          && !name.equals("keyCredentials")) {
        into.set(name, field.getValue());
      }
    }
    return into;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
  }
}
