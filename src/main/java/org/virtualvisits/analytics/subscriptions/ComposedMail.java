package org.virtualvisits.analytics.subscriptions;

/**
 * A mail ready to send: subject, plain text, HTML that shows {@code chartPng} inline as
 * {@code cid:}{@link #CHART_ID} (null: no chart), and an optional attached file.
 */
record ComposedMail(String subject, String text, String html, byte[] chartPng, MailFile attachment) {

    static final String CHART_ID = "chart";

    /** An attached file. */
    record MailFile(String name, String contentType, byte[] content) {
    }
}
