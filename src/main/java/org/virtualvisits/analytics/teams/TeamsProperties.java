package org.virtualvisits.analytics.teams;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Teams connector's settings ({@code app.teams.*}, README "Microsoft Teams connector").
 *
 * @param tenantId     Entra ID tenant of the default organisation's app registration
 * @param clientId     application (client) id of that registration
 * @param clientSecret its client secret; with the two above, the default organisation syncs by itself
 * @param graphUrl     Microsoft Graph's base URL (plain http allowed: proxies, tests)
 * @param loginUrl     the token endpoint's base URL (plain http allowed)
 * @param syncInterval time between two syncs of an organisation (the default of new connections)
 * @param lookback     how far back the first sync of an organisation reads
 * @param overlap      how far before the end of the last sync the next one starts again: attendance
 *                     reports appear after their meeting, sometimes late
 * @param secretKey    base64 of a 128- or 256-bit AES key that encrypts client secrets saved on the
 *                     connection page; without it the page cannot store a secret
 */
@ConfigurationProperties("app.teams")
public record TeamsProperties(
        String tenantId,
        String clientId,
        String clientSecret,
        @DefaultValue("https://graph.microsoft.com") String graphUrl,
        @DefaultValue("https://login.microsoftonline.com") String loginUrl,
        @DefaultValue("15m") Duration syncInterval,
        @DefaultValue("30d") Duration lookback,
        @DefaultValue("1d") Duration overlap,
        String secretKey) {

    public TeamsProperties {
        graphUrl = baseUrl("graph-url", graphUrl);
        loginUrl = baseUrl("login-url", loginUrl);
        if (syncInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("app.teams.sync-interval must be at least 1 minute");
        }
        if (lookback.isNegative() || lookback.isZero() || overlap.isNegative()) {
            throw new IllegalArgumentException("app.teams.lookback must be positive, app.teams.overlap not negative");
        }
    }

    /** Whether the default organisation's three credentials are set. */
    public boolean configured() {
        return !blank(tenantId) && !blank(clientId) && !blank(clientSecret);
    }

    private static String baseUrl(String name, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app.teams." + name + " is not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("app.teams." + name + " must be an http(s) URL: " + url);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
