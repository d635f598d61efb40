package org.virtualvisits.analytics.visits.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.virtualvisits.analytics.base.web.BadRequestException;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.FieldError;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * Reads {@code {"events":[...]}} into untyped {@link RawEvent}s. Field values must be JSON
 * strings (or absent/null); a number, object or boolean where a string belongs is reported
 * as an error of that event and field, like any other invalid value.
 */
final class EventBatchParser {

    static final List<String> FIELDS = List.of("eventId", "meetingId", "meetingType", "type", "occurredAt",
            "participantId", "role", "department", "appointmentKind");

    record ParsedBatch(List<RawEvent> events, List<FieldError> errors) {
    }

    private EventBatchParser() {
    }

    static ParsedBatch parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new BadRequestException("The body must be a JSON object such as {\"events\":[...]}.");
        }
        JsonNode array = root.get("events");
        if (array == null || !array.isArray()) {
            throw new BadRequestException("The body must have an \"events\" array.");
        }
        if (array.size() > EventIngestion.MAX_BATCH_SIZE) {
            throw new BadRequestException("A batch holds at most " + EventIngestion.MAX_BATCH_SIZE
                    + " events; this one has " + array.size() + ". Split it into smaller batches.");
        }
        List<RawEvent> events = new ArrayList<>(array.size());
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < array.size(); index++) {
            JsonNode node = array.get(index);
            if (!node.isObject()) {
                errors.add(new FieldError(index, null, "event", "must be a JSON object"));
                events.add(null);
                continue;
            }
            String[] values = new String[FIELDS.size()];
            for (int f = 0; f < FIELDS.size(); f++) {
                JsonNode value = node.get(FIELDS.get(f));
                if (value == null || value.isNull()) {
                    values[f] = null;
                } else if (value.isTextual()) {
                    values[f] = value.textValue();
                } else {
                    errors.add(new FieldError(index, textOrNull(node.get("eventId")), FIELDS.get(f),
                            "must be a string"));
                }
            }
            events.add(new RawEvent(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                    values[7], values[8]));
        }
        return new ParsedBatch(events, errors);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
