package io.seedship.localazure.importexport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.ApiVersions;
import io.seedship.localazure.arm.ArmException;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.AccessToken;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Microsoft.ImportExport jobs, api-version 2021-01-01, as the published definition describes them. Every request
 * first lets the lifecycle catch up with the virtual clock, so answers never lag behind time.
 */
@RestController
@ApiVersions(ImportExport.API_VERSION)
public class JobsController {

  private static final String GROUP = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
  private static final String JOBS = ImportExport.PROVIDER + "/jobs";
  private static final String JOB = GROUP + JOBS + "/{jobName}";
  private static final int MAX_TOP = 100;

  private final Jobs jobs;
  private final JobLifecycle lifecycle;
  private final int pageSize;

  public JobsController(Jobs jobs, JobLifecycle lifecycle, LocalAzureProperties properties) {
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.pageSize = properties.getImportExport().getPageSize();
  }

  @PutMapping(JOB)
  public ResponseEntity<String> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String jobName, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
    lifecycle.sweep();
    Jobs.Put put = jobs.put(subscriptionId, resourceGroupName, jobName, Json.parseObject(body), actor(request));
    return Json.respond(put.created() ? 201 : 200, put.job().view());
  }

  @GetMapping(JOB)
  public ResponseEntity<String> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String jobName) {
    lifecycle.sweep();
    return Json.ok(jobs.get(subscriptionId, resourceGroupName, jobName).view());
  }

  @PatchMapping(JOB)
  public ResponseEntity<String> update(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String jobName, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
    lifecycle.sweep();
    Job job = jobs.update(subscriptionId, resourceGroupName, jobName, Json.parseObject(body), actor(request));
    return Json.ok(job.view());
  }

  /** 200 with no body, as the DeleteJob example shows. */
  @DeleteMapping(JOB)
  public ResponseEntity<String> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @PathVariable String jobName) {
    lifecycle.sweep();
    jobs.delete(subscriptionId, resourceGroupName, jobName);
    return ResponseEntity.ok().build();
  }

  @PostMapping(JOB + "/listBitLockerKeys")
  public ResponseEntity<String> listBitLockerKeys(@PathVariable String subscriptionId,
      @PathVariable String resourceGroupName, @PathVariable String jobName) {
    lifecycle.sweep();
    ObjectNode page = Json.object();
    page.set("value", jobs.get(subscriptionId, resourceGroupName, jobName).bitLockerKeys());
    return Json.ok(page);
  }

  @GetMapping(GROUP + JOBS)
  public ResponseEntity<String> listByGroup(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$filter", required = false) String filter,
      @RequestParam(name = "$skipToken", required = false) String skipToken, HttpServletRequest request) {
    return list(subscriptionId, resourceGroupName, top, filter, skipToken, request);
  }

  @GetMapping("/subscriptions/{subscriptionId}" + JOBS)
  public ResponseEntity<String> listBySubscription(@PathVariable String subscriptionId,
      @RequestParam(name = "$top", required = false) String top,
      @RequestParam(name = "$filter", required = false) String filter,
      @RequestParam(name = "$skipToken", required = false) String skipToken, HttpServletRequest request) {
    return list(subscriptionId, null, top, filter, skipToken, request);
  }

  /**
   * {@code $top} caps the whole list, not a page; pages are {@code pageSize} long. The skip token carries how many
   * were served and the last key served: keys are ordered, so jobs created or deleted meanwhile neither repeat nor
   * shift the rest.
   */
  private ResponseEntity<String> list(String subscriptionId, String resourceGroup, String top, String filter,
      String skipToken, HttpServletRequest request) {
    lifecycle.sweep();
    Integer limit = top(top);
    ODataFilter predicate = ODataFilter.parse(filter);
    SkipToken from = SkipToken.decode(skipToken);
    List<Job> matching = jobs.list(subscriptionId, resourceGroup, from.lastKey(), predicate);
    int remaining = limit == null ? Integer.MAX_VALUE : Math.max(0, limit - from.served());
    List<Job> page = matching.subList(0, Math.min(matching.size(), Math.min(pageSize, remaining)));
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    page.forEach(job -> value.add(job.view()));
    if (page.size() < matching.size() && page.size() < remaining && !page.isEmpty()) {
      SkipToken next = new SkipToken(from.served() + page.size(), page.get(page.size() - 1).key());
      body.put("nextLink", nextLink(request, top, filter, next));
    }
    return Json.ok(body);
  }

  private static Integer top(String top) {
    if (top == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(top.trim());
      if (value >= 1 && value <= MAX_TOP) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ArmException(400, "InvalidQueryParameterValue", "The value '" + top + "' of query parameter '$top' is"
        + " invalid: it must be an integer from 1 to " + MAX_TOP + ".", "$top");
  }

  private static String nextLink(HttpServletRequest request, String top, String filter, SkipToken next) {
    StringBuilder link = new StringBuilder(request.getRequestURL()).append("?api-version=")
        .append(encode(request.getParameter("api-version")));
    if (filter != null) {
      link.append("&$filter=").append(encode(filter));
    }
    if (top != null) {
      link.append("&$top=").append(encode(top));
    }
    return link.append("&$skipToken=").append(next.encode()).toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Jobs.Actor actor(HttpServletRequest request) {
    if (request.getAttribute(AccessToken.REQUEST_ATTRIBUTE) instanceof AccessToken token) {
      return token.user() && token.userPrincipalName() != null
          ? new Jobs.Actor(token.userPrincipalName(), "User")
          : new Jobs.Actor(token.appId(), "Application");
    }
    return new Jobs.Actor("unknown", "Application");
  }

  /** Opaque to clients: base64url of "served:lastKey". */
  record SkipToken(int served, String lastKey) {

    static SkipToken decode(String token) {
      if (token == null) {
        return new SkipToken(0, null);
      }
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        int served = Integer.parseInt(text.substring(0, colon));
        if (served < 0 || colon == text.length() - 1) {
          throw new IllegalArgumentException("empty");
        }
        return new SkipToken(served, text.substring(colon + 1));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new ArmException(400, "InvalidSkipToken", "The $skipToken '" + token + "' is not one this service"
            + " issued; start the list again without it.", "$skipToken");
      }
    }

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((served + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }
  }
}
