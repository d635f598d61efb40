package org.virtualvisits.analytics.teams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceInterval;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceRecord;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceReport;
import org.virtualvisits.analytics.teams.GraphModel.BookingAppointment;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * One Bookings appointment and the attendance reports of its Teams meeting, as the events of our
 * ingestion API (issue 16), so that the visit and its metrics come from the same derivation as every
 * other visit:
 * <ul>
 *   <li>meetingId = the appointment id, meetingType BOOKINGS, department = the business's display name,
 *       appointmentKind SCHEDULED;</li>
 *   <li>a record is STAFF when its e-mail is one of the business's staff members' or its role is
 *       Organizer or Presenter, else ATTENDEE; its participant id is its identity id, else its e-mail;</li>
 *   <li>each attendance interval gives JOINED at its join time and LEFT at its leave time, each only
 *       when present (a null leave time: still inside, or Teams did not record it);</li>
 *   <li>each report's meetingEndDateTime gives MEETING_ENDED;</li>
 *   <li>smsNotificationsEnabled gives SMS_SENT at createdDateTime (the appointment's start if Graph
 *       omitted it), for the first customer.</li>
 * </ul>
 * Attendance reports carry no lobby data: these visits have no lobby wait. Event ids are name-based
 * UUIDs of (appointment, report, record, interval, type), so reading the same data again yields the
 * same events, which ingestion counts as duplicates.
 */
final class AttendanceMapping {

    static final String MEETING_TYPE = "BOOKINGS";
    static final String KIND = "SCHEDULED";
    static final int MAX_TEXT = 200;

    /** A report of the meeting with its records. */
    record ReportWithRecords(AttendanceReport report, List<AttendanceRecord> records) {
    }

    private AttendanceMapping() {
    }

    /**
     * @param businessName the business's display name (the visit's department)
     * @param staffEmails  the business's staff e-mail addresses, lower-case
     */
    static List<RawEvent> events(String businessName, Set<String> staffEmails, BookingAppointment appointment,
                                 List<ReportWithRecords> reports) {
        String meetingId = appointment.id();
        String department = clip(businessName);
        List<RawEvent> events = new ArrayList<>();
        for (ReportWithRecords withRecords : reports) {
            AttendanceReport report = withRecords.report();
            List<AttendanceRecord> records = withRecords.records();
            for (int r = 0; r < records.size(); r++) {
                AttendanceRecord record = records.get(r);
                String participant = participantId(record, r);
                String role = isStaff(record, staffEmails) ? "STAFF" : "ATTENDEE";
                List<AttendanceInterval> intervals = record.attendanceIntervals() == null ? List.of()
                        : record.attendanceIntervals();
                for (int i = 0; i < intervals.size(); i++) {
                    AttendanceInterval interval = intervals.get(i);
                    String key = meetingId + "|" + report.id() + "|" + participant + "|" + i;
                    Instant joined = GraphModel.instant(interval.joinDateTime());
                    Instant left = GraphModel.instant(interval.leaveDateTime());
                    if (joined != null) {
                        events.add(event(key, meetingId, "JOINED", joined, participant, role, department));
                    }
                    if (left != null) {
                        events.add(event(key, meetingId, "LEFT", left, participant, role, department));
                    }
                }
            }
            Instant ended = GraphModel.instant(report.meetingEndDateTime());
            if (ended != null) {
                events.add(event(meetingId + "|" + report.id(), meetingId, "MEETING_ENDED", ended, null, null,
                        department));
            }
        }
        if (appointment.sms()) {
            Instant created = GraphModel.instant(appointment.createdDateTime());
            Instant at = created != null ? created : appointment.startInstant();
            if (at != null) {
                events.add(event(meetingId, meetingId, "SMS_SENT", at, customerId(appointment), "ATTENDEE",
                        department));
            }
        }
        return events;
    }

    static boolean isStaff(AttendanceRecord record, Set<String> staffEmails) {
        String role = record.role() == null ? "" : record.role().toLowerCase(Locale.ROOT);
        if (role.equals("organizer") || role.equals("presenter")) {
            return true;
        }
        return record.emailAddress() != null && staffEmails.contains(record.emailAddress().trim().toLowerCase(Locale.ROOT));
    }

    /** Who the record is: the identity id, else the e-mail, else its place in the report (anonymous). */
    static String participantId(AttendanceRecord record, int index) {
        if (record.identity() != null && record.identity().id() != null && !record.identity().id().isBlank()) {
            return clip(record.identity().id());
        }
        if (record.emailAddress() != null && !record.emailAddress().isBlank()) {
            return clip(record.emailAddress().trim().toLowerCase(Locale.ROOT));
        }
        return record.id() != null && !record.id().isBlank() ? clip(record.id()) : "anonymous-" + (index + 1);
    }

    private static String customerId(BookingAppointment appointment) {
        if (appointment.customers() != null) {
            for (var customer : appointment.customers()) {
                if (customer != null && customer.customerId() != null && !customer.customerId().isBlank()) {
                    return clip(customer.customerId());
                }
            }
        }
        return "customer";
    }

    private static RawEvent event(String key, String meetingId, String type, Instant at, String participant,
                                  String role, String department) {
        String eventId = "teams-" + UUID.nameUUIDFromBytes((key + "|" + type).getBytes(StandardCharsets.UTF_8));
        return new RawEvent(eventId, meetingId, MEETING_TYPE, type, at.toString(), participant, role, department, KIND);
    }

    /** Ingestion takes texts of at most 200 characters without control characters. */
    static String clip(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("[\\p{Cntrl}]", " ").trim();
        return clean.codePointCount(0, clean.length()) <= MAX_TEXT ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, MAX_TEXT));
    }
}
