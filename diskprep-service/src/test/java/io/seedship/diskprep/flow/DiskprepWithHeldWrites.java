package io.seedship.diskprep.flow;

import io.seedship.contracts.common.EventMetadata;
import io.seedship.contracts.common.SeedStage;
import io.seedship.contracts.diskprep.DriveWriteProgress;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.diskprep.DiskprepServiceApplication;
import io.seedship.diskprep.work.WriteDrivesWork;
import io.seedship.runtime.work.StageWork;
import io.seedship.runtime.work.WorkContext;
import io.seedship.runtime.work.WorkTransaction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * diskprep-service as it runs, except that a test can hold a seed's drive write at its first progress report (data
 * is going onto the first drive), so that it acts mid-write on a machine of any speed. The write itself, its work
 * unit and its lease are the real ones; released, the write goes on from where it was held.
 *
 * <p>Not a {@code @Configuration}: the service's component scan must not pick it up for other tests.
 */
@Import(DiskprepServiceApplication.class)
class DiskprepWithHeldWrites {

  private static final Map<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();

  /** The next write of {@code seedId} holds at its first progress report until {@link #release}. */
  static void hold(String seedId) {
    HOLDS.put(seedId, new CountDownLatch(1));
  }

  static void release(String seedId) {
    CountDownLatch latch = HOLDS.remove(seedId);
    if (latch != null) {
      latch.countDown();
    }
  }

  @Bean
  static BeanPostProcessor holdingDriveWrites() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof WriteDrivesWork work ? new HeldWrite(work) : bean;
      }
    };
  }

  /** The service's own write, run with a context that may hold at the first progress report. */
  private record HeldWrite(WriteDrivesWork work) implements StageWork {

    @Override
    public String kind() {
      return work.kind();
    }

    @Override
    public SeedStage stage() {
      return work.stage();
    }

    @Override
    public int maxConcurrent() {
      return work.maxConcurrent();
    }

    @Override
    public void run(WorkContext context) throws Exception {
      work.run(new Holding(context));
    }

    @Override
    public void failed(WorkContext context, SeedFailed failure) {
      work.failed(context, failure);
    }

    @Override
    public String whatToDo(Throwable cause) {
      return work.whatToDo(cause);
    }
  }

  private record Holding(WorkContext context) implements WorkContext {

    @Override
    public void progress(SpecificRecord event, String summary) {
      context.progress(event, summary);
      CountDownLatch latch = HOLDS.get(context.seedId());
      if (event instanceof DriveWriteProgress && latch != null) {
        try {
          latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the runner stops the unit (a lost lease): let the write see it
        }
      }
    }

    @Override
    public String workId() {
      return context.workId();
    }

    @Override
    public String seedId() {
      return context.seedId();
    }

    @Override
    public int attempt() {
      return context.attempt();
    }

    @Override
    public SpecificRecord input() {
      return context.input();
    }

    @Override
    public <T extends SpecificRecord> T input(Class<T> type) {
      return context.input(type);
    }

    @Override
    public EventMetadata event(String name) {
      return context.event(name);
    }

    @Override
    public EventMetadata progressEvent() {
      return context.progressEvent();
    }

    @Override
    public void finish(Consumer<WorkTransaction> body) {
      context.finish(body);
    }

    @Override
    public void checkpoint() {
      context.checkpoint();
    }
  }
}
