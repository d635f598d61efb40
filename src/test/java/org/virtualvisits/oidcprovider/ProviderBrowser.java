package org.virtualvisits.oidcprovider;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser's side of a sign-in at {@link TestOidcProvider}: a real HTTP client with cookies that
 * follows the provider's redirects, fills in its login form when asked, and stops at the first
 * redirect that leaves the provider (back to the application), whose address it returns.
 */
public final class ProviderBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String issuer;

    public ProviderBrowser(String issuer) {
        this.issuer = issuer;
    }

    /** Opens {@code url} at the provider, signing in as {@code username} if the provider asks. */
    public String follow(String url, String username, String password) throws IOException, InterruptedException {
        String next = url;
        for (int hop = 0; hop < 10; hop++) {
            if (!next.startsWith(issuer)) {
                return next;
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(next)).GET());
            if (response.statusCode() / 100 == 3) {
                next = location(next, response);
            } else if (response.statusCode() == 200 && response.body().contains("name=\"password\"")) {
                next = signIn(next, response.body(), username, password);
            } else {
                throw new AssertionError("Provider answered " + response.statusCode() + " at " + next + ": "
                        + response.body());
            }
        }
        throw new AssertionError("Too many redirects at the provider, last " + next);
    }

    private String signIn(String page, String form, String username, String password)
            throws IOException, InterruptedException {
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new AssertionError("No CSRF token in the provider's login form");
        }
        String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                + encode(csrf.group(1));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() / 100 != 3) {
            throw new AssertionError("Sign-in at the provider answered " + response.statusCode());
        }
        String next = location(page, response);
        if (next.contains("error")) {
            throw new AssertionError("Sign-in at the provider failed for " + username);
        }
        return next;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(String from, HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("Redirect without Location from " + from));
        return URI.create(from).resolve(location).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
