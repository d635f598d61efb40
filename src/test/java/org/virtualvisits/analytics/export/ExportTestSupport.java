package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.DerivationRounds;

/** Signing in as a demo user, waiting for jobs, reading files back, isolated organisations with chosen visits. */
abstract class ExportTestSupport {

    @Autowired
    protected ExportService exports;
    @Autowired
    protected TestFixture fixture;
    @Autowired
    protected ExportJobs jobs;
    @Autowired
    protected ReportReader reports;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected UserDetailsService userDetailsService;
    @Autowired
    protected Organisations organisations;
    @Autowired
    protected UserAccounts users;
    @Autowired
    protected EventIngestion ingestion;
    @Autowired
    protected DerivationRounds derivation;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Signs in a user from the database, as the login form would. */
    protected AppUserPrincipal signIn(String username) {
        return fixture.signIn(username);
    }

    protected static void signIn(AppUserPrincipal user) {
        TestFixture.signIn(user);
    }

    /** The last {@code days} UTC days, as the report's range select gives them. */
    protected static ReportRange lastDays(int days) {
        return ReportRange.lastDays(days, LocalDate.now(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** Waits (without a signed-in user) until the job is READY or FAILED. */
    protected ExportJob awaitFinished(long jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            ExportJob job = jobs.find(jobId).orElseThrow().job();
            if (job.status().finished()) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Export job " + jobId + " did not finish in time: " + jobs.find(jobId));
    }

    protected ExportJob exportAndWait(ExportRequest request) {
        ExportJob job = exports.start(request, Locale.ENGLISH);
        ExportJob finished = awaitFinished(job.id());
        assertThat(finished.status()).as("status of %s", finished).isEqualTo(ExportStatus.READY);
        return finished;
    }

    /** The file as the signed-in user downloads it. */
    protected byte[] download(long jobId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.file(jobId).writeTo(out);
        return out.toByteArray();
    }

    /** What the report's grid shows for the same scope, range, filter and sort. */
    protected List<Visit> expected(VisitScope scope, ExportRequest request) {
        return reports.page(scope, new VisitPageRequest(request.range(), request.filter(), request.sort(),
                request.descending(), 0, Integer.MAX_VALUE));
    }

    /** An organisation of its own with a user of the given role. */
    protected AppUserPrincipal newOrganisationUser(Role role, Set<String> departments) {
        return fixture.newUser(fixture.newOrganisation(), role, departments);
    }

    /** Events of a completed visit: see {@link TestFixture#completedVisit}. */
    protected static List<RawEvent> completedVisit(String meetingId, String type, Instant start, int waitSeconds,
            int durationSeconds, String department) {
        return TestFixture.completedVisit(meetingId, type, start, waitSeconds, durationSeconds, department);
    }
}
