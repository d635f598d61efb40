package org.virtualvisits.analytics.visits.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.virtualvisits.analytics.base.web.BadRequestException;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.FieldError;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * Reads {@code {"events":[...]}} into untyped {@link RawEvent}s, streaming: no JSON tree is built
 * for the up to 10,000 events of a batch (building one was a large share of the ingestion's CPU).
 * Field values must be JSON strings (or absent/null); a number, object, array or boolean where a
 * string belongs is reported as an error of that event and field, like any other invalid value.
 * Unknown fields are ignored; a field given twice is an error (never a guess at which one counts).
 */
final class EventBatchParser {

    static final List<String> FIELDS = List.of("eventId", "meetingId", "meetingType", "type", "occurredAt",
            "participantId", "role", "department", "appointmentKind");

    record ParsedBatch(List<RawEvent> events, List<FieldError> errors) {
    }

    private EventBatchParser() {
    }

    /** Malformed JSON surfaces as Jackson's own exception (a 400 through ApiProblems). */
    static ParsedBatch parse(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException("The body must be a JSON object such as {\"events\":[...]}.");
        }
        ParsedBatch batch = null;
        Set<String> names = new HashSet<>();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            if (!names.add(name)) {
                // A second "events" would silently replace the first in most JSON readers: refuse, never guess.
                throw new BadRequestException("The body has the field \"" + name + "\" twice.");
            }
            JsonToken value = parser.nextToken();
            if ("events".equals(name) && value == JsonToken.START_ARRAY) {
                batch = events(parser);
            } else if ("events".equals(name)) {
                throw new BadRequestException("The body must have an \"events\" array.");
            } else {
                parser.skipChildren();
            }
        }
        if (batch == null) {
            throw new BadRequestException("The body must have an \"events\" array.");
        }
        if (parser.nextToken() != null) {
            throw new BadRequestException("The body must be exactly one JSON object; something follows it.");
        }
        return batch;
    }

    private static ParsedBatch events(JsonParser parser) throws IOException {
        List<RawEvent> events = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = events.size();
            if (index == EventIngestion.MAX_BATCH_SIZE) {
                throw new BadRequestException("A batch holds at most " + EventIngestion.MAX_BATCH_SIZE
                        + " events; this one has more. Split it into smaller batches.");
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                errors.add(new FieldError(index, null, "event", "must be a JSON object"));
                events.add(null);
                continue;
            }
            String[] values = new String[FIELDS.size()];
            boolean[] notString = new boolean[FIELDS.size()];
            boolean[] seen = new boolean[FIELDS.size()];
            Set<String> unknown = new HashSet<>();
            Set<String> twice = new TreeSet<>();
            for (JsonToken field = parser.nextToken(); field == JsonToken.FIELD_NAME; field = parser.nextToken()) {
                String name = parser.currentName();
                int f = fieldIndex(name);
                if (f >= 0 ? seen[f] : !unknown.add(name)) {
                    twice.add(name);
                }
                if (f >= 0) {
                    seen[f] = true;
                }
                JsonToken value = parser.nextToken();
                if (f < 0) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    values[f] = parser.getText();
                    notString[f] = false;
                } else if (value == JsonToken.VALUE_NULL) {
                    values[f] = null;
                    notString[f] = false;
                } else {
                    parser.skipChildren();
                    values[f] = null;
                    notString[f] = true;
                }
            }
            for (int f = 0; f < FIELDS.size(); f++) {
                if (notString[f]) {
                    errors.add(new FieldError(index, values[0], FIELDS.get(f), "must be a string"));
                }
            }
            for (String name : twice) {
                errors.add(new FieldError(index, values[0], name, "appears more than once in the event"));
            }
            events.add(new RawEvent(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                    values[7], values[8]));
        }
        return new ParsedBatch(events, errors);
    }

    /** The position of the name in {@link #FIELDS}, or -1 (a switch: one hash instead of up to nine compares). */
    static int fieldIndex(String name) {
        return switch (name) {
            case "eventId" -> 0;
            case "meetingId" -> 1;
            case "meetingType" -> 2;
            case "type" -> 3;
            case "occurredAt" -> 4;
            case "participantId" -> 5;
            case "role" -> 6;
            case "department" -> 7;
            case "appointmentKind" -> 8;
            default -> -1;
        };
    }
}
