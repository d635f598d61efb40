package org.virtualvisits.analytics.base.web;

/** The caller sent something we cannot use; the message says what, for the 400 answer. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
