package org.virtualvisits.analytics.visits;

/**
 * One problem with one field of one event of a batch.
 *
 * @param index   position of the event in the batch, from 0
 * @param eventId the event's id as received, null if it had none
 * @param field   the JSON field name, e.g. "occurredAt" ("event" when the whole entry is missing)
 * @param message plain English, meant to follow the field name, e.g. "must not be empty"
 */
public record FieldError(int index, String eventId, String field, String message) {
}
