package org.virtualvisits.analytics.base.web;

/** The request body is not of the one type the endpoint reads (a 415). */
public class UnsupportedMediaTypeException extends RuntimeException {

    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
