package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.security.Role;

/**
 * Exports as the signed-in user may see them (PRODUCT.md §4): a user starts exports of what
 * their report shows, in their own scope, and sees, downloads and deletes their own exports; a
 * global admin sees all of their organisation's. Nobody ever sees another organisation's. The
 * scope and the owner always come from the security context, never from a parameter.
 */
@Service
@PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'TEAMS_ADMIN', 'REPORT_VIEWER')")
public class ExportService {

    private final ExportJobs jobs;
    private final ExportScheduling scheduling;
    private final ExportUpdates updates;
    private final ExportProperties properties;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExportService(ExportJobs jobs, ExportScheduling scheduling, ExportUpdates updates, ExportProperties properties,
            CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.scheduling = scheduling;
        this.updates = updates;
        this.properties = properties;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues an export of what the user's report shows, in the user's scope (their
     * organisation and, for a department-limited viewer, their departments).
     *
     * @param locale the user's language, for headers and sheet names
     * @throws ExportLimitException when the user already has the allowed number of unfinished exports
     */
    @Transactional
    public ExportJob start(ExportRequest request, Locale locale) {
        AppUserPrincipal user = currentUser.require();
        if (jobs.countUnfinished(user.organisationId(), user.userId()) >= properties.maxActivePerUser()) {
            throw new ExportLimitException(properties.maxActivePerUser());
        }
        Instant now = clock.instant();
        long id = jobs.insert(user.organisationId(), user.userId(), user.username(), user.departments(),
                ExportTexts.supported(locale), request, fileName(request), now, now.plus(properties.expireAfter()));
        scheduling.schedule(id);
        events.publishEvent(new AuditEvent(user.organisationId(), user.username(), "export.created",
                "Export " + id + " (" + request.format() + ") of '" + request.title() + "' " + request.range().from()
                        + " to " + request.range().to()));
        ExportJob job = jobs.find(id).orElseThrow().job();
        ExportUpdate queued = new ExportUpdate(id, job.organisationId(), job.userId(), ExportStatus.QUEUED, 0, null);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                updates.publish(queued);
            }
        });
        return job;
    }

    /** The exports the user may see, newest first: their own; a global admin's: the organisation's. */
    @Transactional(readOnly = true)
    public List<ExportJob> jobs() {
        AppUserPrincipal user = currentUser.require();
        Instant now = clock.instant();
        return seesWholeOrganisation(user) ? jobs.listForOrganisation(user.organisationId(), now)
                : jobs.listForUser(user.organisationId(), user.userId(), now);
    }

    /** One export if the user may see it. */
    @Transactional(readOnly = true)
    public Optional<ExportJob> job(long id) {
        AppUserPrincipal user = currentUser.require();
        return jobs.find(id).map(StoredJob::job).filter(job -> visibleTo(job, user));
    }

    /** Deletes an export the user may see (a running one stops); false when there is none. */
    @Transactional
    public boolean delete(long id) {
        if (job(id).isEmpty()) {
            return false;
        }
        return jobs.delete(id);
    }

    /**
     * The file of a ready export, for download. Refused unless the user may see the export,
     * and unless it is ready and not expired.
     *
     * @throws AccessDeniedException otherwise (the same answer whether or not the export exists)
     */
    @Transactional(readOnly = true)
    public ExportFile file(long id) {
        AppUserPrincipal user = currentUser.require();
        ExportJob job = job(id).filter(j -> j.status() == ExportStatus.READY)
                .filter(j -> j.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new AccessDeniedException("No such export to download"));
        int chunkCount = jobs.chunkCount(id);
        events.publishEvent(new AuditEvent(user.organisationId(), user.username(), "export.downloaded",
                "Export " + id + " (" + job.fileName() + ", owner " + job.username() + ")"));
        return new ExportFile(id, job.fileName(), job.format().contentType(), job.sizeBytes(), chunkCount,
                seq -> jobs.chunk(id, seq).orElseThrow(() -> new IOException("Export " + id + " has gone")));
    }

    /**
     * Calls the listener on every change of a job on this instance, and with a
     * {@link ExportUpdate#tick() tick} every few seconds; returns what to run to stop. The
     * listener receives updates of every job and must filter (by id) what it shows.
     */
    public Runnable subscribe(Consumer<ExportUpdate> listener) {
        currentUser.require();
        return updates.subscribe(listener);
    }

    /** Whose exports the signed-in user sees. */
    public ExportViewer viewer() {
        AppUserPrincipal user = currentUser.require();
        return new ExportViewer(user.organisationId(), user.userId(), seesWholeOrganisation(user));
    }

    /** How long a finished export stays downloadable. */
    public Duration expireAfter() {
        return properties.expireAfter();
    }

    private static boolean seesWholeOrganisation(AppUserPrincipal user) {
        return user.role() == Role.GLOBAL_ADMIN;
    }

    private static boolean visibleTo(ExportJob job, AppUserPrincipal user) {
        return new ExportViewer(user.organisationId(), user.userId(), seesWholeOrganisation(user))
                .sees(job.organisationId(), job.userId());
    }

    /** "virtual-visits-bookings-2026-08-28-to-2026-11-25.xlsx": ASCII only, safe in any header. */
    static String fileName(ExportRequest request) {
        String slug = java.text.Normalizer.normalize(request.title(), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-$", "");
        }
        String prefix = slug.isEmpty() || slug.equals("virtual-visits") ? "virtual-visits" : "virtual-visits-" + slug;
        return prefix + "-" + request.range().from() + "-to-" + request.range().to() + "."
                + request.format().extension();
    }
}
