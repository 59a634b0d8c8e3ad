package io.seedship.cli.seed;

import io.seedship.cli.kafka.Broker;
import io.seedship.contracts.Topics;
import io.seedship.contracts.codec.SeedshipCodec;
import io.seedship.contracts.outcome.SeedCompleted;
import io.seedship.contracts.outcome.SeedFailed;
import io.seedship.contracts.status.SeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every seed's latest status and its outcome, read from the public topics ({@code seedship.seed.status}, compacted,
 * and {@code seedship.seed.outcomes}) to their end, committed records only, without a consumer group: what a
 * subscriber's identity may read, and the one view of all seeds that no single service holds.
 */
public final class PublicTopics {

  /** One seed as the public topics show it. */
  public record Seed(String seedId, SeedStatus status, Instant updatedAt, Optional<SpecificRecord> outcome) {
  }

  private final Broker broker;

  public PublicTopics(Map<String, Object> client) {
    this.broker = new Broker(client);
  }

  /** Every seed with a status, by seed id, in the order first seen. */
  public Map<String, Seed> seeds() {
    Map<String, SeedStatus> statuses = new LinkedHashMap<>();
    Map<String, SpecificRecord> outcomes = new HashMap<>();
    SeedshipCodec codec = SeedshipCodec.instance();
    broker.scan(List.of(Topics.SEED_STATUS.name(), Topics.SEED_OUTCOMES.name()), null, record -> {
      if (record.value() == null) {
        return; // a tombstone: the seed's status was removed
      }
      SpecificRecord decoded;
      try {
        decoded = codec.decode(record.value());
      } catch (RuntimeException e) {
        return; // a record this version cannot read is skipped, not fatal for a view of all seeds
      }
      if (decoded instanceof SeedStatus status) {
        statuses.put(record.key(), status);
      } else if (decoded instanceof SeedCompleted || decoded instanceof SeedFailed) {
        outcomes.put(record.key(), decoded);
      }
    });
    Map<String, Seed> seeds = new LinkedHashMap<>();
    statuses.forEach((id, status) -> seeds.put(id, new Seed(id, status, status.getMetadata().getOccurredAt(),
        Optional.ofNullable(outcomes.get(id)))));
    return seeds;
  }

  /**
   * Follows one seed live: every status and outcome of {@code seedId} from the start of both topics, handed to
   * {@code each} as it is read, until {@code each} says it has seen enough (true then) or {@code timeout} passes.
   */
  public boolean follow(String seedId, Duration timeout, Predicate<SpecificRecord> each) {
    SeedshipCodec codec = SeedshipCodec.instance();
    boolean[] enough = {false};
    broker.follow(List.of(Topics.SEED_STATUS.name(), Topics.SEED_OUTCOMES.name()), null,
        Instant.now().plus(timeout), record -> {
          if (!seedId.equals(record.key()) || record.value() == null) {
            return true;
          }
          SpecificRecord decoded;
          try {
            decoded = codec.decode(record.value());
          } catch (RuntimeException e) {
            return true; // a record this version cannot read
          }
          enough[0] = !each.test(decoded);
          return !enough[0];
        });
    return enough[0];
  }
}
