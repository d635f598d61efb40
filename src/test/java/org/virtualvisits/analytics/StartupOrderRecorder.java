package org.virtualvisits.analytics;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * The last start-up runner of the test context: records what a load balancer would have seen while
 * the application's own runners (first admin, bootstrap token, demo data) were finishing.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class StartupOrderRecorder implements ApplicationRunner {

    private final HealthEndpoint health;
    private final UserAccounts users;
    private volatile String healthDuringStartup;
    private volatile boolean adminExistedThen;

    StartupOrderRecorder(HealthEndpoint health, UserAccounts users) {
        this.health = health;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        healthDuringStartup = health.health().getStatus().getCode();
        adminExistedThen = users.findByUsername("admin").isPresent();
    }

    /** The health status while the start-up runners ran (null if this runner never ran). */
    public String healthDuringStartup() {
        return healthDuringStartup;
    }

    /** Whether the bootstrap had created the first admin by the time this last runner ran. */
    public boolean adminExistedThen() {
        return adminExistedThen;
    }
}
