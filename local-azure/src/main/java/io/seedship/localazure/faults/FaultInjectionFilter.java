package io.seedship.localazure.faults;

import io.seedship.localazure.LocalAzureProperties;
import io.seedship.localazure.arm.Json;
import io.seedship.localazure.auth.ServiceAreas;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes ARM and Graph as unreliable as configured: added latency, ARM read/write budgets per subscription
 * (429 SubscriptionRequestsThrottled with Retry-After once spent, remaining counts in
 * {@code x-ms-ratelimit-remaining-subscription-*}), then a random fraction of 429s and 500s. Budgets and
 * Retry-After are in real time: they are about the client's patience, not the virtual story.
 */
@Component
@Order(10)
public class FaultInjectionFilter extends OncePerRequestFilter {

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong injected = new AtomicLong();
  private volatile LocalAzureProperties.Faults settings;
  private Random random;

  public FaultInjectionFilter(LocalAzureProperties properties) {
    update(properties.getFaults());
  }

  /** Replaces the settings at runtime; budgets start afresh. */
  public synchronized void update(LocalAzureProperties.Faults faults) {
    this.settings = faults;
    this.random = new Random(faults.getSeed());
    windows.clear();
  }

  public LocalAzureProperties.Faults settings() {
    return settings;
  }

  /** Requests answered with an injected 429 or 500 since startup. */
  public long injectedCount() {
    return injected.get();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServiceAreas area = ServiceAreas.of(request);
    // the admin API stays reliable: it is how faults are turned off again
    if (area == ServiceAreas.OTHER || area == ServiceAreas.ADMIN) {
      chain.doFilter(request, response);
      return;
    }
    LocalAzureProperties.Faults faults = settings;
    sleep(faults.getLatency());
    String subscription = area == ServiceAreas.ARM ? ServiceAreas.subscriptionOf(request) : null;
    if (subscription != null) {
      boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
      int budget = read ? faults.getReadBudget() : faults.getWriteBudget();
      if (budget > 0) {
        String kind = read ? "reads" : "writes";
        Window window = windows.compute(subscription.toLowerCase(Locale.ROOT) + "/" + kind,
            (key, current) -> current == null || current.ended(clock.instant())
                ? new Window(clock.instant().plus(faults.getBudgetWindow()), budget) : current);
        long remaining = window.spend();
        if (remaining < 0) {
          long seconds = Math.max(1, Duration.between(clock.instant(), window.end()).toSeconds() + 1);
          response.setHeader("x-ms-ratelimit-remaining-subscription-" + kind, "0");
          reject(response, 429, seconds, "SubscriptionRequestsThrottled", "Number of " + kind.substring(0, kind.length() - 1)
              + " requests for subscription '" + subscription + "' exceeded the limit of '" + budget
              + "' for time interval '" + faults.getBudgetWindow() + "'. Please try again after '" + seconds
              + "' seconds.");
          return;
        }
        response.setHeader("x-ms-ratelimit-remaining-subscription-" + kind, Long.toString(remaining));
      }
    }
    double draw;
    synchronized (this) {
      draw = random.nextDouble();
    }
    if (draw < faults.getThrottleFraction()) {
      long seconds = Math.max(0, faults.getRetryAfter().toSeconds());
      reject(response, 429, seconds, area == ServiceAreas.ARM ? "TooManyRequests" : "TooManyRequests",
          "Injected by local-azure: too many requests, retry after " + seconds + " seconds.");
      return;
    }
    if (draw < faults.getThrottleFraction() + faults.getErrorFraction()) {
      reject(response, 500, -1, "InternalServerError", "Injected by local-azure: an internal server error.");
      return;
    }
    chain.doFilter(request, response);
  }

  private void reject(HttpServletResponse response, int status, long retryAfterSeconds, String code, String message)
      throws IOException {
    injected.incrementAndGet();
    if (retryAfterSeconds >= 0) {
      response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
    Json.writeError(response, status, code, message);
  }

  private static void sleep(Duration latency) {
    if (latency.isZero() || latency.isNegative()) {
      return;
    }
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Window {
    private final Instant end;
    private final AtomicLong left;

    Window(Instant end, long budget) {
      this.end = end;
      this.left = new AtomicLong(budget);
    }

    boolean ended(Instant now) {
      return !now.isBefore(end);
    }

    Instant end() {
      return end;
    }

    long spend() {
      return left.decrementAndGet();
    }
  }
}
