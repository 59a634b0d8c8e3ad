package io.seedship.shipping.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * shipping-service's time limits ({@code seedship.shipping.*}).
 *
 * @param arrivalLimit  how long after the shipping information the drives must reach the datacenter; the
 *                      documentation's two weeks (they may not be processed after it)
 * @param warningBefore how long before that deadline a warning is published while the drives have not arrived
 */
@Validated
@ConfigurationProperties("seedship.shipping")
public record ShippingProperties(@DefaultValue("P14D") @NotNull Duration arrivalLimit,
                                 @DefaultValue("P3D") @NotNull Duration warningBefore) {
}
