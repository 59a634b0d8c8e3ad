package io.seedship.runtime.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** Sees every attempt (it sits after the retry policy): when it was sent, for which call, what came back. */
final class AttemptRecorder implements HttpPipelinePolicy {

  record Attempt(String callId, String method, String url, Instant sentAt, int status, String retryAfter) {
  }

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    Instant sent = Instant.now();
    return next.process().doOnNext(response -> record(context, sent, response));
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    Instant sent = Instant.now();
    HttpResponse response = next.processSync();
    record(context, sent, response);
    return response;
  }

  private void record(HttpPipelineCallContext context, Instant sent, HttpResponse response) {
    attempts.add(new Attempt(context.getHttpRequest().getHeaders().getValue(HttpHeaderName.X_MS_CLIENT_REQUEST_ID),
        context.getHttpRequest().getHttpMethod().name(), context.getHttpRequest().getUrl().toString(), sent,
        response.getStatusCode(), response.getHeaderValue(HttpHeaderName.RETRY_AFTER)));
  }

  List<Attempt> attempts() {
    return new ArrayList<>(attempts);
  }

  Map<String, List<Attempt>> byCall() {
    return attempts.stream().filter(a -> a.callId() != null)
        .collect(Collectors.groupingBy(Attempt::callId, Collectors.toList()));
  }

  void clear() {
    attempts.clear();
  }
}
