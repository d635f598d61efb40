package org.virtualvisits.analytics.visits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks incoming event batches (PRODUCT.md §2 and §5) and converts valid events.
 *
 * <p>Optional fields (department, appointmentKind; participantId and role of MEETING_ENDED) that are
 * null or blank count as not given: §2 says "the first non-empty value per meeting wins", so empty
 * values are tolerated rather than rejected. Cross-event checks (eventId reuse, meetingType conflicts)
 * only look at events whose own fields are valid, so one bad field is not reported several times.
 */
public final class EventValidation {

    public static final int MAX_LENGTH = 200;
    static final String INSTANT_MESSAGE = "must be an ISO-8601 UTC instant such as 2026-11-20T10:04:00Z";
    /**
     * Activity of a virtual visit cannot predate 1970; and years outside 1-9999 are where PostgreSQL,
     * java.sql.Timestamp's Julian calendar and ISO-8601 disagree (or PostgreSQL refuses the value), so an
     * event there would be stored on another day, or fail the whole batch on the database.
     */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final String RANGE_MESSAGE = "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private EventValidation() {
    }

    /** All problems of the batch, in batch order; empty when every event is valid. */
    public static List<FieldError> validate(List<RawEvent> batch) {
        return check(batch).errors();
    }

    /**
     * A batch after one pass of checks: the converted events (null where an event is invalid) and every
     * problem in batch order. Ingestion uses this so each event is parsed only once.
     */
    public record CheckedBatch(List<MeetingEvent> events, List<FieldError> errors) {
    }

    /** Checks and converts the batch in one pass (see {@link #validate}). */
    public static CheckedBatch check(List<RawEvent> batch) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> indexByEventId = new HashMap<>(batch.size() * 2);
        Map<String, Integer> indexByMeetingId = new HashMap<>(batch.size() * 2);
        List<MeetingEvent> converted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            RawEvent raw = batch.get(i);
            converted.add(null);
            if (raw == null) {
                errors.add(new FieldError(i, null, "event", "must be an event object"));
                continue;
            }
            MeetingEvent event = checkAndConvert(i, raw, errors);
            if (event == null) {
                continue;
            }
            converted.set(i, event);

            // A repeated eventId is a harmless duplicate only if it carries the same event.
            Integer sameId = indexByEventId.putIfAbsent(event.eventId(), i);
            if (sameId != null && !converted.get(sameId).equals(event)) {
                errors.add(new FieldError(i, raw.eventId(), "eventId",
                        "is already used by the event at index " + sameId + " with different content"));
            }
            Integer sameMeeting = indexByMeetingId.putIfAbsent(event.meetingId(), i);
            if (sameMeeting != null && converted.get(sameMeeting).meetingType() != event.meetingType()) {
                errors.add(new FieldError(i, raw.eventId(), "meetingType", "must be "
                        + converted.get(sameMeeting).meetingType() + " like the event at index " + sameMeeting
                        + " of the same meeting"));
            }
        }
        return new CheckedBatch(converted, errors);
    }

    /**
     * Events of the batch whose meetingType differs from the type already stored for their meeting.
     *
     * @param storedTypeByMeetingId the stored type of every meeting of the batch that is already known
     */
    public static List<FieldError> conflictsWithStored(List<RawEvent> batch,
                                                       Map<String, MeetingType> storedTypeByMeetingId) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RawEvent raw = batch.get(i);
            if (raw == null || raw.meetingId() == null) {
                continue;
            }
            MeetingType stored = storedTypeByMeetingId.get(raw.meetingId());
            MeetingType given = parseEnum(MeetingType.class, raw.meetingType());
            if (stored != null && given != null && given != stored) {
                errors.add(new FieldError(i, raw.eventId(), "meetingType",
                        "must be " + stored + " like the stored events of meeting " + raw.meetingId()));
            }
        }
        return errors;
    }

    /**
     * Converts a valid event; blank optional values become null, department is trimmed.
     *
     * @throws IllegalArgumentException if the event has field errors
     */
    public static MeetingEvent toEvent(RawEvent raw) {
        List<FieldError> errors = new ArrayList<>();
        MeetingEvent event = checkAndConvert(0, raw, errors);
        if (event == null) {
            throw new IllegalArgumentException("invalid event: " + errors.stream()
                    .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        }
        return event;
    }

    /** Adds the event's own field errors to {@code errors}; returns the converted event, or null if it has any. */
    private static MeetingEvent checkAndConvert(int index, RawEvent raw, List<FieldError> errors) {
        int before = errors.size();
        Checker check = (field, message) -> errors.add(new FieldError(index, raw.eventId(), field, message));

        text(check, "eventId", raw.eventId(), true);
        text(check, "meetingId", raw.meetingId(), true);
        MeetingType meetingType = enumeration(check, "meetingType", raw.meetingType(), MeetingType.class, true);
        EventType type = enumeration(check, "type", raw.type(), EventType.class, true);
        Instant occurredAt = null;
        if (raw.occurredAt() == null) {
            check.error("occurredAt", "is required");
        } else if ((occurredAt = parseInstant(raw.occurredAt())) == null) {
            check.error("occurredAt", INSTANT_MESSAGE);
        } else if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
            check.error("occurredAt", RANGE_MESSAGE);
            occurredAt = null;
        }
        // With an unknown type we cannot tell whether a participant is needed, so only check what is given.
        boolean needsParticipant = type != null && type != EventType.MEETING_ENDED;
        text(check, "participantId", raw.participantId(), needsParticipant);
        ParticipantRole role = enumeration(check, "role", raw.role(), ParticipantRole.class, needsParticipant);
        text(check, "department", raw.department(), false);
        AppointmentKind kind = enumeration(check, "appointmentKind", raw.appointmentKind(), AppointmentKind.class,
                false);
        if (errors.size() > before) {
            return null;
        }
        return new MeetingEvent(raw.eventId(), raw.meetingId(), meetingType, type, occurredAt,
                blankToNull(raw.participantId()), role,
                isBlank(raw.department()) ? null : raw.department().trim(), kind);
    }

    @FunctionalInterface
    private interface Checker {
        void error(String field, String message);
    }

    private static void text(Checker check, String field, String value, boolean required) {
        if (isBlank(value)) {
            if (required) {
                check.error(field, value == null ? "is required" : "must not be empty");
            }
        } else if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            check.error(field, "must be at most " + MAX_LENGTH + " characters");
        } else {
            String problem = textProblem(value);
            if (problem != null) {
                check.error(field, problem);
            }
        }
    }

    /**
     * Why a text cannot be stored as it was sent, or null: a control character (U+0000-U+001F, U+007F-U+009F:
     * ids and names never hold one, and a CR/LF would forge lines in logs and CSV files) or half of a
     * surrogate pair (a JSON escape of U+D800 alone, say; as UTF-8 it would silently become '?').
     */
    static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return String.format("must not contain control characters (U+%04X at character %d)", (int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must be valid Unicode text (a lone surrogate U+%04X at character %d)", (int) c,
                        i + 1);
            }
        }
        return null;
    }

    private static <E extends Enum<E>> E enumeration(Checker check, String field, String value, Class<E> type,
                                                     boolean required) {
        if (isBlank(value)) {
            if (required) {
                check.error(field, value == null ? "is required" : "must not be empty");
            }
            return null;
        }
        E parsed = parseEnum(type, value);
        if (parsed == null) {
            check.error(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        return parsed;
    }

    /** Constants by name per enum type, built once (this runs several times per ingested event). */
    private static final ClassValue<Map<String, Object>> CONSTANTS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byName = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            return Map.copyOf(byName);
        }
    };

    /** Exact upper-case constant name only; null if it is not one. */
    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        return value == null ? null : type.cast(CONSTANTS.get(type).get(value));
    }

    /** "2026-11-20T10:04:00Z", or with an explicit offset such as "+01:00" (converted to UTC); else null. */
    static Instant parseInstant(String value) {
        Instant fast = parsePlainUtc(value);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException notAnOffsetDateTime) {
                return null;
            }
        }
    }

    /**
     * The form nearly every event uses, {@code yyyy-MM-ddTHH:mm:ssZ} or with 1-9 fraction digits, read
     * without {@link DateTimeFormatter} (which cost a third of the ingestion's CPU). Null for anything
     * else, including impossible dates, which the full parsers then judge.
     */
    static Instant parsePlainUtc(String s) {
        int length = s.length();
        if (length < 20 || length > 30 || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            nanos = digits(s, 20, length - 1);
            for (int i = fractionDigits; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, to), or -1 if any character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
