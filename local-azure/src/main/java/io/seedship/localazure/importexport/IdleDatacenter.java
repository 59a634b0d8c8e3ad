package io.seedship.localazure.importexport;

import java.time.Instant;
import org.springframework.stereotype.Component;

/** A datacenter whose drives never arrive: shipped jobs stay Shipping until a real {@link Datacenter} exists. */
@Component
public class IdleDatacenter implements Datacenter {

  @Override
  public void shipped(Job job, Instant now) {
    // nothing is received yet
  }

  @Override
  public void advance(Instant now, JobStore store) {
    // nothing is processed yet
  }
}
