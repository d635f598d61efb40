package org.virtualvisits.analytics.base.web;

/** The request body stopped arriving (408 when it was too slow, 400 when the connection broke). */
public class BodyNotReadException extends RuntimeException {

    private final boolean timedOut;

    public BodyNotReadException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
