package io.seedship.runtime.azure.graph;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.MicrosoftGraphClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.seedship.runtime.azure.core.ArmRest;
import io.seedship.runtime.azure.core.AzureErrors;
import io.seedship.runtime.azure.core.AzureException;
import io.seedship.runtime.azure.core.ManagementSetup;
import io.seedship.runtime.azure.graph.GraphApplication.KeyCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Graph applications and the signed-in user, through azure-resourcemanager-authorization's pipeline
 * (its token scope, retries, endpoint per cloud). The JSON is written here rather than through the generated
 * models, because a PATCH must carry exactly the fields it means to change: Graph replaces keyCredentials whole.
 */
public final class GraphClient {

  private final HttpPipeline pipeline;
  private final String endpoint;

  public GraphClient(ManagementSetup setup) {
    AuthorizationManager manager = setup.apply(AuthorizationManager.configure())
        .authenticate(setup.credential(), setup.profile(null));
    MicrosoftGraphClient graph = manager.serviceClient();
    this.pipeline = graph.getHttpPipeline();
    this.endpoint = graph.getEndpoint().endsWith("/") ? graph.getEndpoint() : graph.getEndpoint() + "/";
  }

  /** The application with this display name; an error when several share it (Graph does not forbid it). */
  public Optional<GraphApplication> findByDisplayName(String displayName) {
    String filter = "displayName eq '" + displayName.replace("'", "''") + "'";
    List<GraphApplication> found = new ArrayList<>();
    String url = endpoint + "applications?$filter=" + encode(filter);
    while (url != null) {
      JsonNode page = send("find application " + displayName, HttpMethod.GET, url, null, Set.of(200));
      for (JsonNode item : page.path("value")) {
        found.add(read(item));
      }
      url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
    }
    if (found.size() > 1) {
      throw new AzureException.Conflict("AmbiguousApplication", found.size() + " applications are named '"
          + displayName + "' (" + found.stream().map(GraphApplication::appId).toList()
          + "); remove the extra ones or name the one to use", "displayName", null);
    }
    return found.stream().findFirst();
  }

  public GraphApplication create(String displayName) {
    return read(send("create application " + displayName, HttpMethod.POST, endpoint + "applications",
        Map.of("displayName", displayName, "signInAudience", "AzureADMyOrg"), Set.of(201)));
  }

  /** The application with its certificates' public keys ({@code $select=keyCredentials} is what returns them). */
  public GraphApplication get(String objectId) {
    return read(send("get application " + objectId, HttpMethod.GET, endpoint + "applications/" + encode(objectId)
        + "?$select=" + encode("id,appId,displayName,keyCredentials"), null, Set.of(200)));
  }

  /** Replaces the application's certificate credentials with exactly {@code credentials}. */
  public void replaceKeyCredentials(String objectId, List<KeyCredential> credentials) {
    send("update credentials of application " + objectId, HttpMethod.PATCH,
        endpoint + "applications/" + encode(objectId), Map.of("keyCredentials", credentials), Set.of(204));
  }

  /**
   * Adds a certificate, keeping every credential already there (Graph's PATCH replaces the collection, and takes
   * back an existing credential by its keyId); nothing is sent when one with the same thumbprint exists, so a replay
   * changes nothing.
   */
  public GraphApplication addCertificate(String objectId, KeyCredential certificate) {
    GraphApplication current = get(objectId);
    List<KeyCredential> existing = current.keyCredentials() == null ? List.of() : current.keyCredentials();
    String thumbprint = certificate.thumbprint();
    if (existing.stream().anyMatch(k -> thumbprint.equals(k.thumbprint()))) {
      return current;
    }
    List<KeyCredential> all = new ArrayList<>(existing);
    all.add(certificate);
    replaceKeyCredentials(objectId, all);
    return get(objectId);
  }

  public void delete(String objectId) {
    send("delete application " + objectId, HttpMethod.DELETE, endpoint + "applications/" + encode(objectId), null,
        Set.of(204));
  }

  /** The object id of the user the credential signs in as (delegated tokens only, as in Graph). */
  public String signedInUserObjectId() {
    return send("read the signed-in user", HttpMethod.GET, endpoint + "me?$select=id", null, Set.of(200))
        .path("id").asText();
  }

  private JsonNode send(String what, HttpMethod method, String url, Object body, Set<Integer> expected) {
    HttpRequest request = new HttpRequest(method, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
    try {
      if (body != null) {
        request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
        request.setBody(ArmRest.JSON.writeValueAsBytes(body));
      }
      try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
        String text = response.getBodyAsBinaryData() == null ? null : response.getBodyAsBinaryData().toString();
        if (!expected.contains(response.getStatusCode())) {
          throw AzureErrors.fromResponse(what, response.getStatusCode(), response.getHeaders(), text);
        }
        return text == null || text.isBlank() ? ArmRest.JSON.createObjectNode() : ArmRest.JSON.readTree(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": cannot read or write Graph's JSON", e);
    } catch (RuntimeException e) {
      throw e instanceof AzureException azure ? azure : AzureErrors.translate(what, e);
    }
  }

  private static GraphApplication read(JsonNode node) {
    return ArmRest.JSON.convertValue(node, GraphApplication.class);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
