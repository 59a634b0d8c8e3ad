package io.seedship.shipping.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * shipping-service's time limits ({@code seedship.shipping.*}), measured on Azure's clock.
 *
 * @param arrivalLimit    how long after the shipping information the drives must reach the datacenter; the
 *                        documentation's two weeks (they may not be processed after it)
 * @param warningBefore   how long before that deadline, and before an unshipped job's deletion, a warning is published
 * @param creatingLimit   how long Azure keeps a job left in Creating before deleting it (two weeks)
 * @param deadlineRecheck the longest a waiting deadline sleeps before looking at Azure's clock again (it may jump, on
 *                        local-azure)
 */
@Validated
@ConfigurationProperties("seedship.shipping")
public record ShippingProperties(@DefaultValue("P14D") @NotNull Duration arrivalLimit,
                                 @DefaultValue("P3D") @NotNull Duration warningBefore,
                                 @DefaultValue("P14D") @NotNull Duration creatingLimit,
                                 @DefaultValue("PT10M") @NotNull Duration deadlineRecheck) {
}
