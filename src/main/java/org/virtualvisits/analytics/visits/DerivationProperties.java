package org.virtualvisits.analytics.visits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The background derivation of visits (docs/decisions/0011-asynchronous-derivation.md).
 *
 * @param batchSize     queue entries one derivation transaction claims at most
 * @param pollInterval  how often an idle worker looks for meetings queued by other application
 *                      instances (batches stored by this instance wake it at once)
 * @param retryDelay    pause after a derivation failed on the database, before trying again
 */
@ConfigurationProperties("app.derivation")
public record DerivationProperties(Integer batchSize, Duration pollInterval, Duration retryDelay) {

    public DerivationProperties {
        batchSize = batchSize == null ? 1000 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        retryDelay = retryDelay == null ? Duration.ofSeconds(2) : retryDelay;
        if (batchSize < 1) {
            throw new IllegalArgumentException("app.derivation.batch-size must be at least 1");
        }
    }
}
