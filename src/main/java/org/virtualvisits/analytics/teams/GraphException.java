package org.virtualvisits.analytics.teams;

/**
 * A Graph or token call that failed for good (after the retries a 429 or 503 deserves).
 * {@link #status()} is the HTTP status, 0 when no answer came.
 */
public class GraphException extends RuntimeException {

    private final int status;

    public GraphException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * 401/403, or a refused token request: the app registration lacks a credential, permission or
     * policy. The organisation's sync stops; retrying the next appointment would fail the same way.
     */
    public static class AccessDenied extends GraphException {

        private final GraphPermission missing;

        public AccessDenied(int status, GraphPermission missing, String graphMessage) {
            super(status, "Microsoft Graph refused access (HTTP " + status + "): the app registration needs "
                    + missing.needed() + (graphMessage == null || graphMessage.isBlank() ? "" : ". Graph said: "
                    + graphMessage));
            this.missing = missing;
        }

        public GraphPermission missing() {
            return missing;
        }
    }
}
