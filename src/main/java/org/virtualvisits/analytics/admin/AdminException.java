package org.virtualvisits.analytics.admin;

import java.util.List;

/**
 * An administrator's request the service refuses: invalid input, a rule such as "an
 * organisation keeps at least one global admin", or an id that is not one of the admin's
 * organisation. Carries a translation key (bundle i18n/admin) and its parameters, so that
 * views can show it in the user's language.
 */
public class AdminException extends RuntimeException {

    private final String key;
    private final transient List<Object> parameters;

    public AdminException(String key, Object... parameters) {
        super(key + (parameters.length == 0 ? "" : " " + List.of(parameters)));
        this.key = key;
        this.parameters = List.of(parameters);
    }

    /** Nothing with that id in the caller's organisation (whether or not it exists elsewhere). */
    static AdminException notFound() {
        return new AdminException("admin.error.notFound");
    }

    public String key() {
        return key;
    }

    public Object[] parameters() {
        return parameters.toArray();
    }
}
