package org.virtualvisits.analytics.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Export settings ({@code app.exports.*}).
 *
 * @param expireAfter      how long a finished export stays downloadable
 * @param cleanupInterval  how often expired exports are removed
 * @param maxActivePerUser queued or running exports one user may have at a time
 * @param maxConcurrent    exports one instance writes at the same time (each holds two database
 *                         connections and temporary disk space while it runs)
 * @param chunkSize        bytes per stored chunk of a produced file
 */
@ConfigurationProperties("app.exports")
public record ExportProperties(
        @DefaultValue("7d") Duration expireAfter,
        @DefaultValue("15m") Duration cleanupInterval,
        @DefaultValue("3") int maxActivePerUser,
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("1048576") int chunkSize) {

    public ExportProperties {
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("app.exports.expire-after must be positive");
        }
        if (maxActivePerUser < 1 || maxConcurrent < 1 || chunkSize < 1024) {
            throw new IllegalArgumentException("app.exports: max-active-per-user and max-concurrent must be"
                    + " at least 1, chunk-size at least 1024");
        }
    }
}
