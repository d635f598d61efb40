package org.virtualvisits.analytics.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceRecord;
import org.virtualvisits.analytics.teams.GraphModel.AttendanceReport;
import org.virtualvisits.analytics.teams.GraphModel.BookingAppointment;
import org.virtualvisits.analytics.teams.GraphModel.BookingBusiness;
import org.virtualvisits.analytics.teams.GraphModel.OnlineMeeting;
import org.virtualvisits.analytics.teams.GraphModel.StaffMember;

/** The Graph v1.0 calls of the Bookings-to-attendance chain, each with the permission it needs. */
final class BookingsGraph {

    private final GraphHttp http;
    private final ObjectMapper json;

    BookingsGraph(GraphHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    int calls() {
        return http.calls();
    }

    /** GET /solutions/bookingBusinesses. */
    List<BookingBusiness> businesses() {
        return read(http.list(http.v1("solutions/bookingBusinesses"), GraphPermission.BOOKINGS), BookingBusiness.class);
    }

    /** The first page of businesses only: a connection test. */
    List<BookingBusiness> firstBusinesses() {
        JsonNode page = http.firstPage(http.v1("solutions/bookingBusinesses"), GraphPermission.BOOKINGS);
        return read(List.copyOf(iterable(page.path("value"))), BookingBusiness.class);
    }

    /** GET /solutions/bookingBusinesses/{id}: a chosen business by its id (for its display name). */
    BookingBusiness business(String businessId) {
        return convert(http.get(http.v1("solutions/bookingBusinesses/" + GraphHttp.segment(businessId)),
                GraphPermission.BOOKINGS), BookingBusiness.class);
    }

    /** GET /solutions/bookingBusinesses/{id}/calendarView?start=..&end=.. (ISO 8601, UTC). */
    List<BookingAppointment> calendarView(String businessId, Instant start, Instant end) {
        String url = http.v1("solutions/bookingBusinesses/" + GraphHttp.segment(businessId) + "/calendarView?start="
                + GraphHttp.segment(start.toString()) + "&end=" + GraphHttp.segment(end.toString()));
        return read(http.list(url, GraphPermission.BOOKINGS), BookingAppointment.class);
    }

    /** GET /solutions/bookingBusinesses/{id}/staffMembers. */
    List<StaffMember> staffMembers(String businessId) {
        return read(http.list(http.v1("solutions/bookingBusinesses/" + GraphHttp.segment(businessId) + "/staffMembers"),
                GraphPermission.BOOKINGS), StaffMember.class);
    }

    /** GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}': the meeting, if found. */
    Optional<OnlineMeeting> meetingByJoinUrl(String userId, String joinWebUrl) {
        // OData string literal: a quote inside is doubled; then the whole value is percent-encoded.
        String filter = "JoinWebUrl eq '" + joinWebUrl.replace("'", "''") + "'";
        String url = http.v1("users/" + GraphHttp.segment(userId) + "/onlineMeetings?$filter=" + GraphHttp.segment(filter));
        return read(http.list(url, GraphPermission.ONLINE_MEETINGS), OnlineMeeting.class).stream().findFirst();
    }

    /** GET /users/{userId}/onlineMeetings/{meetingId}/attendanceReports. */
    List<AttendanceReport> attendanceReports(String userId, String meetingId) {
        return read(http.list(http.v1(meetingPath(userId, meetingId) + "/attendanceReports"),
                GraphPermission.ATTENDANCE_REPORTS), AttendanceReport.class);
    }

    /** GET /users/{userId}/onlineMeetings/{meetingId}/attendanceReports/{reportId}/attendanceRecords. */
    List<AttendanceRecord> attendanceRecords(String userId, String meetingId, String reportId) {
        return read(http.list(http.v1(meetingPath(userId, meetingId) + "/attendanceReports/" + GraphHttp.segment(reportId)
                + "/attendanceRecords"), GraphPermission.ATTENDANCE_REPORTS), AttendanceRecord.class);
    }

    private static String meetingPath(String userId, String meetingId) {
        return "users/" + GraphHttp.segment(userId) + "/onlineMeetings/" + GraphHttp.segment(meetingId);
    }

    private <T> List<T> read(List<JsonNode> nodes, Class<T> type) {
        return nodes.stream().map(node -> convert(node, type)).toList();
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (Exception e) {
            throw new GraphException(200, "Microsoft Graph sent a " + type.getSimpleName()
                    + " this connector cannot read: " + e.getMessage());
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
