package org.virtualvisits.analytics.report.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses the boundaries of each organisation's meeting-id buckets (V15) so that no bucket holds
 * much more than {@link MeetingIdBucketProperties#bucketSize()} visits, and recounts
 * {@code visit_meeting_id_daily} with them. The counts are exact whatever the boundaries are (the
 * triggers keep them); the boundaries only bound how far a deep page sorted by meeting id skips.
 */
@Service
public class MeetingIdBuckets {

    private static final Logger log = LoggerFactory.getLogger(MeetingIdBuckets.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeetingIdBucketProperties properties;

    MeetingIdBuckets(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            MeetingIdBucketProperties properties) {
        this.jdbc = jdbc;
        // READ COMMITTED, whatever the default: the recount must see every visit committed while it
        // waited for the lock (a snapshot taken before the wait would miss them).
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.properties = properties;
    }

    /** The visits per bucket of one organisation, in bucket order. */
    record Sizes(long organisationId, List<Long> visits) {

        long total() {
            return visits.stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Whether the boundaries should be chosen again: a bucket holds more than twice the size,
         * there are more than twice the buckets the visits need (after the retention job), or
         * boundaries are left without any visit.
         */
        boolean needRebalance(int bucketSize) {
            long largest = visits.stream().mapToLong(Long::longValue).max().orElse(0);
            long needed = Math.max(1, (total() + bucketSize - 1) / bucketSize);
            return largest > 2L * bucketSize || visits.size() > 1 && visits.size() > 2 * needed
                    || total() == 0 && !visits.isEmpty();
        }
    }

    /** Rebalances every organisation whose buckets call for it; the number of organisations done. */
    public int rebalanceWhereNeeded() {
        int done = 0;
        for (Sizes sizes : sizes()) {
            if (sizes.needRebalance(properties.bucketSize())) {
                try {
                    rebalance(sizes.organisationId(), properties.bucketSize());
                    done++;
                } catch (RuntimeException e) {
                    // The others still get theirs; this one is tried again on the next run.
                    log.error("Could not choose the meeting-id buckets of organisation {}", sizes.organisationId(), e);
                }
            }
        }
        return done;
    }

    List<Sizes> sizes() {
        Map<Long, List<Long>> byOrganisation = new TreeMap<>();
        // Buckets that hold visits; an organisation with boundaries but no visits left (the retention
        // job) shows as one empty bucket per boundary, so that its boundaries go too.
        jdbc.sql("""
                select organisation_id, lower_bound, sum(visits) as n
                from visit_meeting_id_daily group by 1, 2 having sum(visits) > 0
                union all
                select b.organisation_id, b.lower_bound, 0
                from visit_meeting_id_bound b
                where not exists (select 1 from visit_meeting_id_daily d
                                  where d.organisation_id = b.organisation_id and d.visits > 0)
                order by 1, 2""")
                .query(rs -> {
                    byOrganisation.computeIfAbsent(rs.getLong("organisation_id"), id -> new ArrayList<>())
                            .add(rs.getLong("n"));
                });
        return byOrganisation.entrySet().stream().map(e -> new Sizes(e.getKey(), e.getValue())).toList();
    }

    /**
     * Chooses boundaries every {@code bucketSize} meeting ids of the organisation (in the column's
     * order) and recounts its buckets. The boundaries are read first, outside any lock (an
     * index-only scan of the primary key; they need not be exact, only the counts must be). Then, in
     * one transaction under the per-organisation lock the rollup triggers take, the boundaries are
     * replaced and the buckets recounted in one pass over the visits: derivations of the organisation
     * wait for that part only.
     */
    public void rebalance(long organisationId, int bucketSize) {
        long started = System.nanoTime();
        List<String> bounds = jdbc.sql("""
                select meeting_id
                from (select meeting_id, row_number() over (order by meeting_id) as n
                      from visit where organisation_id = :org) ranked
                where n > 1 and (n - 1) % :size = 0
                order by n""")
                .param("org", organisationId).param("size", bucketSize).query(String.class).list();
        long locked = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(:org))")
                    .param("org", organisationId).query().listOfRows();
            jdbc.sql("delete from visit_meeting_id_bound where organisation_id = :org")
                    .param("org", organisationId).update();
            jdbc.sql("""
                    insert into visit_meeting_id_bound (organisation_id, lower_bound)
                    select :org, bound from unnest(cast(:bounds as text[])) as bound""")
                    .param("org", organisationId).param("bounds", bounds.toArray(String[]::new)).update();
            jdbc.sql("delete from visit_meeting_id_daily where organisation_id = :org")
                    .param("org", organisationId).update();
            // width_bucket: how many boundaries are <= the id, compared in the column's collation, so
            // bounds[i] is the greatest one at or below it (0: below them all), as the triggers'
            // look-up says; a test compares the counts with that look-up.
            jdbc.sql("""
                    with b as (
                        select array_agg(lower_bound order by lower_bound) as bounds
                        from visit_meeting_id_bound where organisation_id = :org)
                    insert into visit_meeting_id_daily (organisation_id, day, lower_bound, visits)
                    select :org, c.day, case when c.i = 0 then '' else b.bounds[c.i] end, c.visits
                    from (select (start_time at time zone 'UTC')::date as day,
                                 coalesce(width_bucket(meeting_id, (select bounds from b)), 0) as i,
                                 count(*) as visits
                          from visit where organisation_id = :org
                          group by 1, 2) c, b""")
                    .param("org", organisationId).update();
        });
        long done = System.nanoTime();
        log.info("Meeting-id buckets of organisation {}: {} buckets of up to {} visits, chosen in {} ms "
                        + "(of which {} ms under the rollup lock)", organisationId, bounds.size() + 1, bucketSize,
                (done - started) / 1_000_000, (done - locked) / 1_000_000);
    }
}
