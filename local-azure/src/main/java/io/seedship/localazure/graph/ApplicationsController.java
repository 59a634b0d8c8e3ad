package io.seedship.localazure.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.arm.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Microsoft Graph v1.0 {@code /applications}, with the statuses the Azure SDK expects: 201 on create, 204 on
 * PATCH and DELETE. Any valid Graph token may manage applications (the BearerTokenFilter has checked it).
 */
@RestController
@RequestMapping("/graph/v1.0")
public class ApplicationsController {

  static final int DEFAULT_PAGE_SIZE = 100;
  private static final Pattern BY_APP_ID = Pattern.compile("^applications\\(appId='?([^']*)'?\\)$",
      Pattern.CASE_INSENSITIVE);

  private final GraphApplications applications;

  public ApplicationsController(GraphApplications applications) {
    this.applications = applications;
  }

  @PostMapping("/applications")
  public ResponseEntity<String> create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
    Application app = applications.create(parse(body));
    ObjectNode json = entity(request, app);
    return ResponseEntity.status(201).header("Location", GraphUrls.base(request) + "applications/" + app.id())
        .contentType(Json.JSON).body(Json.write(json));
  }

  @GetMapping("/applications/{id}")
  public ResponseEntity<String> get(@PathVariable String id,
      @RequestParam(name = "$select", required = false) String select, HttpServletRequest request) {
    Application app = applications.get(id);
    ObjectNode json = entity(request, app);
    if (select != null && select.toLowerCase(java.util.Locale.ROOT).contains("keycredentials")) {
      ArrayNode keys = json.putArray("keyCredentials");
      app.keyCredentials().forEach(k -> keys.add(k.toJsonWithKey()));
    }
    return Json.ok(json);
  }

  /** {@code GET /applications(appId='...')}: the alternate key Graph offers for applications. */
  @GetMapping("/{reference:applications\\(.*\\)}")
  public ResponseEntity<String> getByAppId(@PathVariable String reference, HttpServletRequest request) {
    Matcher matcher = BY_APP_ID.matcher(reference);
    if (!matcher.matches()) {
      throw GraphException.badRequest("Invalid object identifier '" + reference + "'.");
    }
    String appId = matcher.group(1);
    return Json.ok(entity(request, applications.byAppId(appId)
        .orElseThrow(() -> GraphException.notFound(appId))));
  }

  @GetMapping("/applications")
  public ResponseEntity<String> list(@RequestParam(name = "$filter", required = false) String filter,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$skiptoken", required = false) String skipToken, HttpServletRequest request) {
    int pageSize = pageSize(top);
    List<Application> matching = applications.list(ApplicationFilter.parse(filter));
    List<Application> rest = skipToken == null ? matching
        : matching.stream().filter(a -> a.id().compareTo(skipToken) > 0).toList();
    List<Application> page = rest.subList(0, Math.min(pageSize, rest.size()));
    ObjectNode json = Json.object();
    json.put("@odata.context", GraphUrls.context(request, "applications"));
    if (rest.size() > page.size()) {
      StringBuilder next = new StringBuilder(GraphUrls.base(request)).append("applications?$top=").append(pageSize);
      if (filter != null) {
        next.append("&$filter=").append(GraphUrls.encode(filter));
      }
      next.append("&$skiptoken=").append(GraphUrls.encode(page.getLast().id()));
      json.put("@odata.nextLink", next.toString());
    }
    ArrayNode value = json.putArray("value");
    page.forEach(app -> value.add(app.toJson()));
    return Json.ok(json);
  }

  @PatchMapping("/applications/{id}")
  public ResponseEntity<Void> update(@PathVariable String id, @RequestBody(required = false) byte[] body) {
    applications.update(id, parse(body));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/applications/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    applications.delete(id);
    return ResponseEntity.noContent().build();
  }

  private static ObjectNode entity(HttpServletRequest request, Application app) {
    ObjectNode json = Json.object();
    json.put("@odata.context", GraphUrls.context(request, "applications/$entity"));
    json.setAll(app.toJson());
    return json;
  }

  private static int pageSize(String top) {
    if (top == null) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(top.trim());
      if (size >= 1 && size <= 999) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below, as Graph does
    }
    throw GraphException.badRequest("Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.");
  }

  private static ObjectNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new GraphException(400, "BadRequest", "Empty Payload. JSON content expected.");
    }
    try {
      var node = Json.MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (java.io.IOException e) {
      // answered below
    }
    throw new GraphException(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
        + "header is set and payload is of valid JSON format.");
  }
}
