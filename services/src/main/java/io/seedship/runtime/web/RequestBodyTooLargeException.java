package io.seedship.runtime.web;

import java.io.IOException;
import org.springframework.util.unit.DataSize;

/** Thrown by the request body's stream once it passes the service's limit; answered 413 by the advice. */
public class RequestBodyTooLargeException extends IOException {

  private final transient DataSize limit;

  public RequestBodyTooLargeException(DataSize limit) {
    super("the request body is larger than " + RequestBodyLimitFilter.human(limit) + ", the most a Seedship service"
        + " takes (seedship.web.max-request-body)");
    this.limit = limit;
  }

  public DataSize limit() {
    return limit;
  }
}
