package org.virtualvisits.analytics.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo data (PRODUCT.md §6). {@code enabled} is left null when not configured: it then
 * follows the database (on with the embedded one, off with a configured one).
 *
 * @param enabled        seed demo users and visits, once
 * @param password       the password of every demo user
 * @param visitsPerDay   average number of visits per weekday in the default organisation
 * @param days           how many days of history, up to today
 */
@ConfigurationProperties("app.demo")
public record DemoProperties(Boolean enabled, String password, Integer visitsPerDay, Integer days) {

    public static final String DEFAULT_PASSWORD = "demo-password";

    public DemoProperties {
        password = password == null || password.isBlank() ? DEFAULT_PASSWORD : password;
        visitsPerDay = visitsPerDay == null ? 60 : visitsPerDay;
        days = days == null ? 90 : days;
    }
}
