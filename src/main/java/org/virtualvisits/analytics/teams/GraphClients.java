package org.virtualvisits.analytics.teams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Opens {@link BookingsGraph}s: one HTTP client for all, tokens shared through {@link GraphTokens}. */
@Component
class GraphClients {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Graph adds properties over time: unknown ones are ignored, never an error. */
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final GraphTokens tokens;
    private volatile GraphHttp.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

    GraphClients(GraphTokens tokens) {
        this.tokens = tokens;
    }

    BookingsGraph open(GraphConnection connection) {
        return new BookingsGraph(new GraphHttp(http, json, tokens, sleeper, connection), json);
    }

    /** Tests: waits between retries go here instead of sleeping. */
    void useSleeper(GraphHttp.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    ObjectMapper json() {
        return json;
    }
}
