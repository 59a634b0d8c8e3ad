package io.seedship.importmonitor.watch;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM read budget of each subscription as this instance spends it: a token bucket filled at {@code budget x share}
 * reads an hour (holding at most a minute of it), charged with the pages each list took; and Azure's own count, read
 * from {@code x-ms-ratelimit-remaining-subscription-reads} on every ARM answer (this class is also the pipeline policy
 * that reads it): under {@code reserve} the subscription's groups wait {@code pause}, so the monitor never spends what
 * the other stages need to ship and cancel.
 */
public final class ReadBudget extends HttpPipelineSyncPolicy {

  private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/?]+)");

  private final double perSecond;
  private final double capacity;
  private final int reserve;
  private final Duration pause;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  private static final class Bucket {
    double tokens;
    Instant filledAt;
    Instant pausedUntil = Instant.MIN;
    long remaining = -1;
  }

  public ReadBudget(int readsPerHour, double share, int reserve, Duration pause, Clock clock) {
    this.perSecond = readsPerHour * share / 3600.0;
    this.capacity = Math.max(5, perSecond * 60);
    this.reserve = reserve;
    this.pause = pause;
    this.clock = clock;
  }

  /** Zero when a poll of this subscription may go now; otherwise how long to wait for the budget. */
  public synchronized Duration waitFor(String subscriptionId) {
    Instant now = clock.instant();
    Bucket b = fill(subscriptionId, now);
    if (now.isBefore(b.pausedUntil)) {
      return Duration.between(now, b.pausedUntil);
    }
    if (b.tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil((1 - b.tokens) / perSecond * 1000));
  }

  /** Charges a poll's reads (its pages); the bucket may go into debt, which later polls wait out. */
  public synchronized void charge(String subscriptionId, int pages) {
    fill(subscriptionId, clock.instant()).tokens -= pages;
  }

  /** The pause between two polls of one group so that {@code groups} groups of {@code pages} pages fit the budget. */
  public Duration spacing(int groups, int pages) {
    return Duration.ofMillis((long) Math.ceil(groups * (double) pages / perSecond * 1000));
  }

  /** ARM reads sent by this instance (every attempt, retries too). */
  public long reads() {
    return reads.get();
  }

  /** ARM reads answered 429 (each retried, or the group waited). */
  public long throttled() {
    return throttled.get();
  }

  /** What Azure said last about the subscription's reads left; -1 when it never said. */
  public synchronized long remaining(String subscriptionId) {
    Bucket b = buckets.get(subscriptionId.toLowerCase(Locale.ROOT));
    return b == null ? -1 : b.remaining;
  }

  @Override
  protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
    observe(context, response);
    return response;
  }

  private void observe(HttpPipelineCallContext context, HttpResponse response) {
    String method = context.getHttpRequest().getHttpMethod().name();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return;
    }
    Matcher m = SUBSCRIPTION.matcher(context.getHttpRequest().getUrl().getPath());
    if (!m.find()) {
      return;
    }
    reads.incrementAndGet();
    if (response.getStatusCode() == 429) {
      throttled.incrementAndGet();
    }
    String header = response.getHeaderValue("x-ms-ratelimit-remaining-subscription-reads");
    if (header == null) {
      return;
    }
    try {
      long left = Long.parseLong(header.trim());
      synchronized (this) {
        Bucket b = fill(m.group(1), clock.instant());
        b.remaining = left;
        if (left < reserve) {
          b.pausedUntil = clock.instant().plus(pause);
        }
      }
    } catch (NumberFormatException ignored) {
      // not a count: nothing to learn
    }
  }

  private Bucket fill(String subscriptionId, Instant now) {
    Bucket b = buckets.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT), k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = capacity;
      fresh.filledAt = now;
      return fresh;
    });
    if (now.isAfter(b.filledAt)) {
      b.tokens = Math.min(capacity, b.tokens + Duration.between(b.filledAt, now).toMillis() / 1000.0 * perSecond);
      b.filledAt = now;
    }
    return b;
  }
}
