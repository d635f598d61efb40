package org.virtualvisits.analytics.teams;

import java.util.List;

/** A request of the connection page the service refuses; a key of bundle i18n/teams and its parameters. */
public class TeamsException extends RuntimeException {

    private final String key;
    private final transient List<Object> parameters;

    public TeamsException(String key, Object... parameters) {
        super(key + (parameters.length == 0 ? "" : " " + List.of(parameters)));
        this.key = key;
        this.parameters = List.of(parameters);
    }

    public String key() {
        return key;
    }

    public Object[] parameters() {
        return parameters.toArray();
    }
}
