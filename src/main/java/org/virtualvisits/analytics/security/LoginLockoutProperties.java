package org.virtualvisits.analytics.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in lockout: after {@code maxFailures} failed sign-ins in a row for one username (each
 * within {@code lockDuration} of the previous one), that username is locked for
 * {@code lockDuration}, on every instance (the count is kept in the database).
 *
 * @param maxFailures  failures in a row that lock the username (default 5)
 * @param lockDuration how long the lock lasts (default 15 minutes)
 */
@ConfigurationProperties("app.security.lockout")
public record LoginLockoutProperties(Integer maxFailures, Duration lockDuration) {

    public LoginLockoutProperties {
        maxFailures = maxFailures == null || maxFailures < 1 ? 5 : maxFailures;
        lockDuration = lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()
                ? Duration.ofMinutes(15) : lockDuration;
    }
}
