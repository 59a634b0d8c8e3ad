package io.seedship.runtime.work;

/** This instance no longer holds the work (its lease ran out and another took it, or the instance is stopping). */
public class LeaseLostException extends RuntimeException {

  public LeaseLostException(String message) {
    super(message);
  }
}
