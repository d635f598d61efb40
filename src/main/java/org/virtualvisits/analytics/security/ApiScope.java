package org.virtualvisits.analytics.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do (PRODUCT.md §5). The authority is "SCOPE_" + value. */
public enum ApiScope {
    EVENTS_WRITE("events:write"),
    REPORT_READ("report:read");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<ApiScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
