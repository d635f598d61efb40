package org.virtualvisits.analytics.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} (decision 0015): a scraper that sends
 * {@code Authorization: Bearer <scrapeToken>}. Without a token the endpoint answers 401 to everyone.
 * The metrics are the instance's, across organisations, so neither API tokens (one organisation's)
 * nor signed-in users get them.
 *
 * @param scrapeToken the shared secret of the scraper; at least 32 characters, or unset
 */
@ConfigurationProperties("app.metrics")
public record MetricsScrapeProperties(String scrapeToken) {

    static final int MIN_LENGTH = 32;

    public MetricsScrapeProperties {
        scrapeToken = scrapeToken == null || scrapeToken.isBlank() ? null : scrapeToken.trim();
        if (scrapeToken != null && scrapeToken.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("app.metrics.scrape-token must be at least " + MIN_LENGTH
                    + " characters (or unset, which switches the Prometheus endpoint off)");
        }
    }

    boolean enabled() {
        return scrapeToken != null;
    }
}
