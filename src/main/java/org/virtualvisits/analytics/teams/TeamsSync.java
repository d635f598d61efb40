package org.virtualvisits.analytics.teams;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.teams.AttendanceMapping.ReportWithRecords;
import org.virtualvisits.analytics.teams.GraphModel.BookingAppointment;
import org.virtualvisits.analytics.teams.GraphModel.BookingBusiness;
import org.virtualvisits.analytics.teams.GraphModel.StaffMember;
import org.virtualvisits.analytics.teams.TeamsSyncRuns.Counts;
import org.virtualvisits.analytics.teams.TeamsSyncRuns.Outcome;
import org.virtualvisits.analytics.visits.AnalyticsDisabledException;
import org.virtualvisits.analytics.visits.BatchRejectedException;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.IngestionResult;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * One sync of an organisation: Bookings appointments of the window, the attendance reports of their
 * Teams meetings, mapped by {@link AttendanceMapping} and stored through {@link EventIngestion} (one
 * batch per appointment). The window starts where the last sync ended, minus an overlap for late
 * attendance reports (the first sync: the lookback), and ends now. A failing business or appointment
 * is counted and named in the run's status, and the others go on; a refused credential or permission
 * (401/403) stops the run. Runs of one organisation never overlap (a PostgreSQL advisory lock, held by
 * the connection that runs the sync, so a crashed instance releases it).
 */
@Service
public class TeamsSync {

    private static final Logger log = LoggerFactory.getLogger(TeamsSync.class);
    private static final int LOCK_CLASS = 0x5656_5453; // "VVTS"
    private static final int MAX_ERROR_TEXT = 2000;

    /** What a call to {@link #run} did. */
    public enum Status { DONE, ALREADY_RUNNING, NOT_CONFIGURED }

    public record Result(Status status, Outcome outcome, Counts counts, String error) {

        static Result skipped(Status status) {
            return new Result(status, null, new Counts(0, 0, 0, 0, 0), null);
        }
    }

    private final TeamsSettings settings;
    private final TeamsConnections connections;
    private final TeamsSyncRuns runs;
    private final GraphClients clients;
    private final EventIngestion ingestion;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TeamsSync(TeamsSettings settings, TeamsConnections connections, TeamsSyncRuns runs, GraphClients clients,
              EventIngestion ingestion, JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.runs = runs;
        this.clients = clients;
        this.ingestion = ingestion;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Syncs the organisation now, unless a sync of it is running already.
     *
     * @param trigger "scheduled" or "manual"
     * @param actor   who asked (audit), null for the scheduler
     */
    public Result run(long organisationId, String trigger, String actor) {
        return jdbc.execute((ConnectionCallback<Result>) lockConnection -> {
            if (!lock(lockConnection, "pg_try_advisory_lock", organisationId)) {
                return Result.skipped(Status.ALREADY_RUNNING);
            }
            try {
                return runLocked(organisationId, trigger, actor);
            } finally {
                lock(lockConnection, "pg_advisory_unlock", organisationId);
            }
        });
    }

    private static boolean lock(java.sql.Connection connection, String function, long organisationId)
            throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?, hashint8(?))")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setLong(2, organisationId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Result runLocked(long organisationId, String trigger, String actor) {
        Optional<GraphConnection> connection;
        try {
            connection = settings.connection(organisationId);
        } catch (IllegalStateException unreadableSecret) {
            return finishEarly(organisationId, trigger, actor, unreadableSecret.getMessage());
        }
        if (connection.isEmpty()) {
            return Result.skipped(Status.NOT_CONFIGURED);
        }
        TeamsConnections.Stored stored = connections.find(organisationId).orElse(null);
        Instant now = clock.instant();
        Instant windowStart = windowStart(stored == null ? null : stored.syncedUntil(), now);
        long runId = runs.start(organisationId, now, windowStart, now, trigger);
        BookingsGraph graph = clients.open(connection.get());
        Tally tally = new Tally();
        String fatal = null;
        try {
            for (BookingBusiness business : businesses(graph, stored, tally)) {
                syncBusiness(organisationId, graph, business, windowStart, now, tally);
            }
        } catch (GraphException.AccessDenied denied) {
            fatal = denied.getMessage();
        } catch (AnalyticsDisabledException off) {
            fatal = "Analytics is switched off for this organisation: nothing was stored";
        } catch (GraphException unreachable) {
            fatal = unreachable.getMessage();
        }
        Outcome outcome = fatal != null ? Outcome.FAILED : tally.failures == 0 ? Outcome.OK : Outcome.PARTIAL;
        if (outcome != Outcome.FAILED && !tally.businessFailed) {
            // A failed appointment is read again only while it is within the overlap: its error is in the run.
            // A business that could not be read at all keeps the window where it was (the others' events are
            // stored already and come back as duplicates), so none of its days is skipped for good.
            connections.markSynced(organisationId, now);
        }
        Counts counts = new Counts(tally.appointments, tally.visitsChanged, tally.eventsStored, graph.calls(),
                tally.failures);
        String error = fatal != null ? fatal : tally.errors.isEmpty() ? null : String.join("; ", tally.errors);
        error = error == null || error.length() <= MAX_ERROR_TEXT ? error : error.substring(0, MAX_ERROR_TEXT) + "…";
        runs.finish(runId, clock.instant(), counts, outcome, error);
        events.publishEvent(new AuditEvent(organisationId, actor, "teams.sync", String.format(Locale.ROOT,
                "Teams sync (%s) %s: %d appointments read, %d visits changed, %d failures%s", trigger, outcome,
                counts.appointmentsRead(), counts.visitsChanged(), counts.failures(),
                fatal == null ? "" : " (" + fatal + ")")));
        log.info("Teams sync of organisation {}: {} {}", organisationId, outcome, counts);
        return new Result(Status.DONE, outcome, counts, error);
    }

    Instant windowStart(Instant syncedUntil, Instant now) {
        TeamsProperties properties = settings.properties();
        Instant earliest = now.minus(properties.lookback());
        if (syncedUntil == null) {
            return earliest;
        }
        Instant start = syncedUntil.minus(properties.overlap());
        return start.isBefore(earliest) ? earliest : start;
    }

    private List<BookingBusiness> businesses(BookingsGraph graph, TeamsConnections.Stored stored, Tally tally) {
        if (stored == null || stored.businessIds().isEmpty()) {
            return graph.businesses();
        }
        List<BookingBusiness> chosen = new ArrayList<>();
        for (String id : stored.businessIds()) {
            try {
                chosen.add(graph.business(id));
            } catch (GraphException.AccessDenied denied) {
                throw denied;
            } catch (GraphException e) {
                tally.failed("Business " + id + ": " + e.getMessage());
                tally.businessFailed = true;
            }
        }
        return chosen;
    }

    private void syncBusiness(long organisationId, BookingsGraph graph, BookingBusiness business, Instant from,
                              Instant to, Tally tally) {
        String name = business.displayName() == null || business.displayName().isBlank() ? business.id()
                : business.displayName();
        List<BookingAppointment> appointments;
        Set<String> staffEmails = new HashSet<>();
        try {
            for (StaffMember staff : graph.staffMembers(business.id())) {
                if (staff.emailAddress() != null) {
                    staffEmails.add(staff.emailAddress().trim().toLowerCase(Locale.ROOT));
                }
            }
            appointments = graph.calendarView(business.id(), from, to);
        } catch (GraphException.AccessDenied denied) {
            throw denied;
        } catch (GraphException e) {
            tally.failed("Business " + name + ": " + e.getMessage());
            tally.businessFailed = true;
            return;
        }
        for (BookingAppointment appointment : appointments) {
            tally.appointments++;
            try {
                List<ReportWithRecords> reports = appointment.online()
                        ? reports(graph, business.id(), appointment.joinWebUrl()) : List.of();
                List<RawEvent> batch = AttendanceMapping.events(name, staffEmails, appointment, reports);
                if (batch.isEmpty()) {
                    continue;
                }
                IngestionResult stored = ingestion.ingest(organisationId, batch);
                tally.eventsStored += stored.accepted();
                if (stored.accepted() > 0 && batch.stream().anyMatch(e -> "JOINED".equals(e.type()))) {
                    tally.visitsChanged++;
                }
            } catch (GraphException.AccessDenied | AnalyticsDisabledException stopsTheRun) {
                throw stopsTheRun;
            } catch (BatchRejectedException rejected) {
                tally.failed("Appointment " + appointment.id() + " of " + name + ": events refused "
                        + rejected.errors().stream().limit(3).map(Object::toString).toList());
            } catch (RuntimeException e) {
                // A Graph error, or data this connector cannot read: this appointment only.
                tally.failed("Appointment " + appointment.id() + " of " + name + ": " + e.getMessage());
            }
        }
    }

    private static List<ReportWithRecords> reports(BookingsGraph graph, String userId, String joinWebUrl) {
        Optional<GraphModel.OnlineMeeting> meeting = graph.meetingByJoinUrl(userId, joinWebUrl);
        if (meeting.isEmpty()) {
            return List.of();
        }
        List<ReportWithRecords> reports = new ArrayList<>();
        for (GraphModel.AttendanceReport report : graph.attendanceReports(userId, meeting.get().id())) {
            reports.add(new ReportWithRecords(report, graph.attendanceRecords(userId, meeting.get().id(), report.id())));
        }
        return reports;
    }

    /** A connection that cannot be used at all (e.g. its secret cannot be decrypted): a failed run says why. */
    private Result finishEarly(long organisationId, String trigger, String actor, String error) {
        Instant now = clock.instant();
        long runId = runs.start(organisationId, now, now, now, trigger);
        Counts none = new Counts(0, 0, 0, 0, 0);
        runs.finish(runId, now, none, Outcome.FAILED, error);
        events.publishEvent(new AuditEvent(organisationId, actor, "teams.sync",
                "Teams sync (" + trigger + ") FAILED: " + error));
        return new Result(Status.DONE, Outcome.FAILED, none, error);
    }

    private static final class Tally {
        int appointments;
        int visitsChanged;
        int eventsStored;
        int failures;
        /** A whole business could not be read: the sync window must not move on. */
        boolean businessFailed;
        final List<String> errors = new ArrayList<>();

        void failed(String message) {
            failures++;
            if (errors.size() < 5) {
                errors.add(message);
            }
        }
    }
}
