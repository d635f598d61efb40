package org.virtualvisits.analytics.export;

/** The user already has as many queued or running exports as allowed. */
public class ExportLimitException extends RuntimeException {

    private final int limit;

    public ExportLimitException(int limit) {
        super("At most " + limit + " exports may be queued or running at a time");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
