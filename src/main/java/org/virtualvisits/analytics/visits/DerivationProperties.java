package org.virtualvisits.analytics.visits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The background derivation of visits (docs/decisions/0011-asynchronous-derivation.md).
 *
 * @param threads       derivation threads per application instance
 * @param batchSize     queue entries one derivation transaction claims at most
 * @param pollInterval  how often an idle worker looks for meetings queued by other application
 *                      instances (batches stored by this instance wake it at once)
 * @param retryDelay    pause after a derivation failed on the database, before trying again
 * @param gatherDelay   how long a woken idle worker lets batches gather before it claims them: a
 *                      meeting whose events come in several batches is then derived once
 * @param yieldLag      once the derivation is this far behind while two or more batches are being
 *                      stored at once (the CPU is saturated by senders), it pauses and leaves the
 *                      CPU to them, until no two have been stored at once for 200 ms or it falls
 *                      {@code maxLag} behind: a burst is stored at the rate of the store alone and
 *                      derived right after it
 * @param maxLag        how far behind the derivation may fall: while the oldest meeting waiting for it
 *                      waited longer than this, new batches wait before they are stored, so that a
 *                      sustained flood of events slows the API down instead of the report falling
 *                      minutes behind
 * @param maxThrottle   the longest a batch waits for the derivation to catch up before it is stored
 *                      anyway
 */
@ConfigurationProperties("app.derivation")
public record DerivationProperties(Integer threads, Integer batchSize, Duration pollInterval, Duration retryDelay,
                                   Duration gatherDelay, Duration yieldLag, Duration maxLag,
                                   Duration maxThrottle) {

    public DerivationProperties {
        threads = threads == null ? 2 : threads;
        batchSize = batchSize == null ? 1000 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        retryDelay = retryDelay == null ? Duration.ofSeconds(2) : retryDelay;
        gatherDelay = gatherDelay == null ? Duration.ofMillis(100) : gatherDelay;
        yieldLag = yieldLag == null ? Duration.ofMillis(250) : yieldLag;
        maxLag = maxLag == null ? Duration.ofSeconds(30) : maxLag;
        maxThrottle = maxThrottle == null ? Duration.ofSeconds(10) : maxThrottle;
        if (threads < 1) {
            throw new IllegalArgumentException("app.derivation.threads must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("app.derivation.batch-size must be at least 1");
        }
    }
}
