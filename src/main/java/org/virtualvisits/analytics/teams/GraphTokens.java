package org.virtualvisits.analytics.teams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Access tokens per app registration, in memory, reused until shortly before they expire (a token
 * usually lives an hour; one is fetched per hour, not per sync or per request).
 */
@Component
class GraphTokens {

    /** A token is renewed this long before its expiry (or at half its life, if that is shorter). */
    static final Duration MARGIN = Duration.ofMinutes(2);

    record Token(String value, Duration expiresIn) {
    }

    private record Held(String value, Instant renewAt) {
    }

    private final Map<GraphConnection, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;

    GraphTokens(Clock clock) {
        this.clock = clock;
    }

    String token(GraphConnection connection, Supplier<Token> request) {
        Held current = held.get(connection);
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.renewAt())) {
            return current.value();
        }
        Token fresh = request.get();
        Duration margin = fresh.expiresIn().dividedBy(2).compareTo(MARGIN) < 0 ? fresh.expiresIn().dividedBy(2) : MARGIN;
        held.put(connection, new Held(fresh.value(), now.plus(fresh.expiresIn()).minus(margin)));
        return fresh.value();
    }

    void forget(GraphConnection connection) {
        held.remove(connection);
    }
}
