package org.virtualvisits.analytics.teams;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The parts of Graph v1.0 resources the connector reads, named as Graph names them (unknown
 * properties are ignored). See microsoft-graph-docs-contrib, api-reference/v1.0/resources/.
 */
final class GraphModel {

    private GraphModel() {
    }

    /** bookingBusiness: its id is the booking mailbox's address. */
    record BookingBusiness(String id, String displayName) {
    }

    /** dateTimeTimeZone: a local date-time and the zone it is in ("UTC" unless a Prefer header asked otherwise). */
    record DateTimeTimeZone(String dateTime, String timeZone) {

        Instant toInstant() {
            if (dateTime == null || dateTime.isBlank()) {
                return null;
            }
            String text = dateTime.trim();
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone()).toInstant();
        }

        private ZoneId zone() {
            if (timeZone == null || timeZone.isBlank() || "UTC".equalsIgnoreCase(timeZone)) {
                return ZoneOffset.UTC;
            }
            try {
                return ZoneId.of(timeZone);
            } catch (RuntimeException windowsNameOrUnknown) {
                // Graph answers in UTC unless asked otherwise (we never ask): keep UTC.
                return ZoneOffset.UTC;
            }
        }
    }

    /** bookingCustomerInformation, as listed in an appointment's customers. */
    record Customer(String customerId, String name, String emailAddress) {
    }

    /**
     * bookingAppointment. The resource's JSON names the times {@code start}/{@code end}; its property table
     * says startDateTime/endDateTime: both are read.
     */
    record BookingAppointment(String id, DateTimeTimeZone start, DateTimeTimeZone end,
                              DateTimeTimeZone startDateTime, DateTimeTimeZone endDateTime,
                              Boolean isLocationOnline, String joinWebUrl, String serviceName,
                              Boolean smsNotificationsEnabled, String createdDateTime, List<String> staffMemberIds,
                              List<Customer> customers) {

        Instant startInstant() {
            return (start != null ? start : startDateTime) == null ? null
                    : (start != null ? start : startDateTime).toInstant();
        }

        boolean online() {
            return joinWebUrl != null && !joinWebUrl.isBlank() && !Boolean.FALSE.equals(isLocationOnline);
        }

        boolean sms() {
            return Boolean.TRUE.equals(smsNotificationsEnabled);
        }
    }

    /** bookingStaffMember. */
    record StaffMember(String id, String displayName, String emailAddress, String role) {
    }

    /** onlineMeeting (only its id and join URL are read). */
    record OnlineMeeting(String id, String joinWebUrl) {
    }

    /** meetingAttendanceReport: one per session of the meeting. */
    record AttendanceReport(String id, Integer totalParticipantCount, String meetingStartDateTime,
                            String meetingEndDateTime) {
    }

    /** identity of an attendance record (may be absent for anonymous attendees). */
    record Identity(String id, String displayName, String tenantId) {
    }

    /** attendanceInterval: either time may be null. */
    record AttendanceInterval(String joinDateTime, String leaveDateTime, Integer durationInSeconds) {
    }

    /** attendanceRecord. */
    record AttendanceRecord(String id, String emailAddress, String role, Identity identity,
                            Integer totalAttendanceInSeconds, List<AttendanceInterval> attendanceIntervals) {
    }

    /** A DateTimeOffset as Graph writes it ("2021-10-05T04:38:27.6027225Z"); null stays null. */
    static Instant instant(String dateTimeOffset) {
        if (dateTimeOffset == null || dateTimeOffset.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(dateTimeOffset.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date-time: " + dateTimeOffset);
        }
    }
}
