package io.seedship.importmonitor.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How importmonitor-service watches import jobs ({@code seedship.importmonitor.*}). Azure is asked once per resource
 * group per poll (a paged list), never once per job.
 *
 * @param fastInterval    between polls of a group while one of its jobs is Received, Transferring or Packaging
 * @param slowInterval    between polls of a group while all its jobs are Creating or Shipping (days of transit)
 * @param tick            how often the poller looks for due groups
 * @param claim           how long a claimed group is this instance's alone; a crashed instance's claim runs out
 * @param maxGroupsPerTick groups polled per tick, at most
 * @param readBudget      ARM reads per hour per subscription (Azure: 12,000)
 * @param budgetShare     the share of that budget the monitor may spend; the rest stays for the other stages
 * @param budgetReserve   remaining reads (x-ms-ratelimit-remaining-subscription-reads) under which the subscription's
 *                        groups wait {@code budgetPause} rather than spend what other callers need
 * @param budgetPause     that wait
 * @param pageSize        jobs per page of the API's list, to count a poll's reads (local-azure 20)
 * @param throttledPause  how long a group waits after a 429 that named no Retry-After
 * @param errorPause      how long a group waits after another failure of its poll
 * @param missingPolls    polls in a row a once-seen job must be missing from its group's list to count as deleted
 */
@Validated
@ConfigurationProperties("seedship.importmonitor")
public record ImportMonitorProperties(
    @DefaultValue("PT30S") @NotNull Duration fastInterval,
    @DefaultValue("PT5M") @NotNull Duration slowInterval,
    @DefaultValue("PT1S") @NotNull Duration tick,
    @DefaultValue("PT2M") @NotNull Duration claim,
    @DefaultValue("50") @Min(1) int maxGroupsPerTick,
    @DefaultValue("12000") @Min(1) int readBudget,
    @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1.0") double budgetShare,
    @DefaultValue("1000") @Min(0) int budgetReserve,
    @DefaultValue("PT5M") @NotNull Duration budgetPause,
    @DefaultValue("20") @Min(1) int pageSize,
    @DefaultValue("PT30S") @NotNull Duration throttledPause,
    @DefaultValue("PT30S") @NotNull Duration errorPause,
    @DefaultValue("2") @Min(1) int missingPolls) {
}
