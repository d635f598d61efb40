package org.virtualvisits.analytics.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.LoginAttempts;

/**
 * Deletes each organisation's visits and events older than its retention (PRODUCT.md: data
 * retention in days). A visit older than the retention goes together with all its events, so
 * a meeting is never left half-deleted (its events re-derived into a different visit); other
 * events older than the retention that belong to no visit go too. Works in small batches,
 * each its own transaction, so ingestion is never blocked for long. Exports expire on their own.
 */
@Service
class DataRetention {

    private static final Logger log = LoggerFactory.getLogger(DataRetention.class);
    static final int BATCH = 5000;
    /** Failed sign-ins of unknown usernames (no organisation) are kept this long. */
    static final Duration UNKNOWN_SIGN_INS_KEPT = Duration.ofDays(30);

    record Purged(long visits, long events) {
        boolean any() {
            return visits > 0 || events > 0;
        }
    }

    private final Organisations organisations;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LoginAttempts loginAttempts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DataRetention(Organisations organisations, JdbcClient jdbc, TransactionTemplate transaction,
            LoginAttempts loginAttempts, ApplicationEventPublisher events, Clock clock) {
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.loginAttempts = loginAttempts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The daily run: every organisation by its own retention, then stale sign-in counts and old
     * failed sign-ins of unknown usernames. An organisation's audit log is kept.
     */
    void purgeAll() {
        Instant now = clock.instant();
        for (Organisation organisation : organisations.findAll()) {
            try {
                purge(organisation, now);
            } catch (RuntimeException e) {
                log.error("Data retention failed for organisation {}; the next run tries again", organisation.id(), e);
            }
        }
        loginAttempts.purgeStale();
        jdbc.sql("delete from audit_log where organisation_id is null and occurred_at < :before")
                .param("before", OffsetDateTime.ofInstant(now.minus(UNKNOWN_SIGN_INS_KEPT), ZoneOffset.UTC))
                .update();
    }

    Purged purge(Organisation organisation, Instant now) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                .minus(Duration.ofDays(organisation.retentionDays()));
        long visits = 0;
        long events = 0;
        while (true) {
            Map<String, Object> batch = transaction.execute(status -> jdbc.sql("""
                            with old as (
                                delete from visit
                                where organisation_id = :org and meeting_id in (
                                    select meeting_id from visit
                                    where organisation_id = :org and start_time < :cutoff
                                    limit :batch)
                                returning meeting_id),
                            gone as (
                                delete from meeting_event
                                where organisation_id = :org and meeting_id in (select meeting_id from old)
                                returning 1),
                            meetings as (
                                delete from meeting
                                where organisation_id = :org and meeting_id in (select meeting_id from old))
                            select (select count(*) from old) as visits, (select count(*) from gone) as events""")
                    .param("org", organisation.id()).param("cutoff", cutoff).param("batch", BATCH)
                    .query().singleRow());
            long deletedVisits = ((Number) batch.get("visits")).longValue();
            visits += deletedVisits;
            events += ((Number) batch.get("events")).longValue();
            if (deletedVisits < BATCH) {
                break;
            }
        }
        while (true) {
            Integer deleted = transaction.execute(status -> {
                List<String> meetings = jdbc.sql("""
                                delete from meeting_event
                                where organisation_id = :org and event_id in (
                                    select e.event_id from meeting_event e
                                    where e.organisation_id = :org and e.occurred_at < :cutoff
                                      and not exists (select 1 from visit v
                                                      where v.organisation_id = e.organisation_id
                                                        and v.meeting_id = e.meeting_id)
                                    limit :batch)
                                returning meeting_id""")
                        .param("org", organisation.id()).param("cutoff", cutoff).param("batch", BATCH)
                        .query(String.class).list();
                if (meetings.isEmpty()) {
                    return 0;
                }
                // A meeting left without events is forgotten, meeting type included (V12's meeting table).
                jdbc.sql("""
                                delete from meeting m
                                where m.organisation_id = :org and m.meeting_id in (:meetings)
                                  and not exists (select 1 from meeting_event e
                                                  where e.organisation_id = m.organisation_id
                                                    and e.meeting_id = m.meeting_id)""")
                        .param("org", organisation.id()).param("meetings", meetings.stream().distinct().toList())
                        .update();
                return meetings.size();
            });
            events += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        Purged purged = new Purged(visits, events);
        if (purged.any()) {
            log.info("Data retention: deleted {} visits and {} events older than {} days from organisation {}",
                    visits, events, organisation.retentionDays(), organisation.id());
            this.events.publishEvent(new AuditEvent(organisation.id(), AuditRecorder.SYSTEM, "retention.purged",
                    "Deleted " + visits + " visits and " + events + " events older than "
                            + organisation.retentionDays() + " days (before " + cutoff.toInstant() + ")"));
        }
        return purged;
    }
}
