package org.virtualvisits.analytics.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP to Microsoft Graph v1.0 for one connection: the client-credentials token (kept in a
 * {@link GraphTokens} cache until shortly before it expires), GETs that follow
 * {@code @odata.nextLink}, {@code 429}/{@code 503} honoured ({@code Retry-After}, else exponential
 * back-off, at most {@link #MAX_ATTEMPTS} tries), one fresh token after a {@code 401} (an expired
 * token), and {@code 401}/{@code 403} otherwise reported as {@link GraphException.AccessDenied}.
 */
final class GraphHttp {

    /** Sleeps between retries; tests pass one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** A Retry-After longer than this is cut to it: a sync must not hang for hours. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json;
    private final GraphTokens tokens;
    private final Sleeper sleeper;
    private final GraphConnection connection;
    private final AtomicInteger calls = new AtomicInteger();

    GraphHttp(HttpClient http, ObjectMapper json, GraphTokens tokens, Sleeper sleeper, GraphConnection connection) {
        this.http = http;
        this.json = json;
        this.tokens = tokens;
        this.sleeper = sleeper;
        this.connection = connection;
    }

    /** HTTP requests made so far (token requests and retries included). */
    int calls() {
        return calls.get();
    }

    /** {graph-url}/v1.0/ followed by the path (whose segments the caller encoded with {@link #segment}). */
    String v1(String path) {
        return connection.graphUrl() + "/v1.0/" + path;
    }

    /** A path segment or query value, percent-encoded (a space as %20, never '+'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every element of a collection, across all its pages. */
    List<JsonNode> list(String url, GraphPermission permission) {
        List<JsonNode> all = new ArrayList<>();
        String next = url;
        while (next != null) {
            JsonNode page = get(next, permission);
            page.path("value").forEach(all::add);
            JsonNode link = page.get("@odata.nextLink");
            next = link == null || link.isNull() ? null : link.asText();
            if (next != null && !next.startsWith(connection.graphUrl() + "/")) {
                // The token goes with every request: never to another host than the configured Graph.
                throw new GraphException(0, "Graph returned a next page outside " + connection.graphUrl() + ": " + next);
            }
        }
        return all;
    }

    /** The first page of a collection only (connection test). */
    JsonNode firstPage(String url, GraphPermission permission) {
        return get(url, permission);
    }

    JsonNode get(String url, GraphPermission permission) {
        boolean tokenRenewed = false;
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token(connection, this::requestToken);
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    attempt);
            if (response == null) {
                continue; // transport error, waited already
            }
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body(), url);
            }
            if (status == 401 && !tokenRenewed) {
                // Expired or revoked token: one new one, then a 401 means what it says.
                tokens.forget(connection);
                tokenRenewed = true;
                attempt--;
                continue;
            }
            if (status == 401 || status == 403) {
                throw new GraphException.AccessDenied(status, permission, graphError(response.body()));
            }
            if ((status == 429 || status == 503 || status == 502 || status == 504) && attempt < MAX_ATTEMPTS) {
                pause(retryAfter(response).orElse(backoff(attempt)));
                continue;
            }
            throw new GraphException(status, "Microsoft Graph answered HTTP " + status + " to " + shorten(url)
                    + (status == 429 || status == 503 ? " " + MAX_ATTEMPTS + " times" : "") + ": "
                    + graphError(response.body()));
        }
    }

    /** POST {login-url}/{tenant}/oauth2/v2.0/token (client credentials); the token and its lifetime. */
    GraphTokens.Token requestToken() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + segment(connection.clientId())
                + "&client_secret=" + segment(connection.clientSecret())
                + "&scope=" + segment(connection.graphUrl() + "/.default");
        String url = connection.loginUrl() + "/" + segment(connection.tenantId()) + "/oauth2/v2.0/token";
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), attempt);
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                JsonNode body = parse(response.body(), url);
                String token = body.path("access_token").asText(null);
                if (token == null || token.isBlank()) {
                    throw new GraphException(status, "The token endpoint answered without an access_token");
                }
                return new GraphTokens.Token(token, Duration.ofSeconds(body.path("expires_in").asLong(0)));
            }
            if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
                pause(retryAfter(response).orElse(backoff(attempt)));
                continue;
            }
            if (status == 400 || status == 401 || status == 403) {
                throw new GraphException.AccessDenied(status, GraphPermission.CREDENTIALS, tokenError(response.body()));
            }
            throw new GraphException(status, "The token endpoint answered HTTP " + status + ": "
                    + tokenError(response.body()));
        }
    }

    /** The response, or null after a transport error that may be retried (the pause is taken). */
    private HttpResponse<String> send(HttpRequest request, int attempt) {
        calls.incrementAndGet();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new GraphException(0, "Could not reach " + request.uri().getHost() + ": " + e);
            }
            pause(backoff(attempt));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "Interrupted while calling Microsoft Graph");
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "Interrupted while waiting to retry Microsoft Graph");
        }
    }

    static Duration backoff(int attempt) {
        return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
    }

    /** Retry-After as delta-seconds or as an HTTP date (RFC 9110 §10.2.3). */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value.trim(), Clock.systemUTC()));
    }

    static java.util.Optional<Duration> retryAfter(String value, Clock clock) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return java.util.Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return java.util.Optional.empty();
            }
        }
    }

    private JsonNode parse(String body, String url) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new GraphException(200, "Microsoft Graph answered " + shorten(url) + " with something other than JSON");
        }
    }

    /** Graph's error document: {"error": {"code": ..., "message": ...}}. */
    private String graphError(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            return (code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The token endpoint's error: {"error": "invalid_client", "error_description": "AADSTS...: ...\r\nTrace ID..."}. */
    private String tokenError(String body) {
        try {
            JsonNode document = json.readTree(body);
            String description = document.path("error_description").asText("");
            int lineEnd = description.indexOf('\r') >= 0 ? description.indexOf('\r') : description.indexOf('\n');
            return (document.path("error").asText("") + " " + (lineEnd >= 0 ? description.substring(0, lineEnd)
                    : description)).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String shorten(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
