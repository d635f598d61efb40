package org.virtualvisits.analytics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

    MeetingIdBuckets(JdbcClient jdbc, TransactionTemplate transactions, MeetingIdBucketProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The visits per bucket of one organisation, in bucket order. */
    record Sizes(long organisationId, List<Long> visits) {

        long total() {
            return visits.stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Whether the boundaries should be chosen again: a bucket holds more than twice the size, or
         * there are more than twice the buckets the visits need (after the retention job).
         */
        boolean needRebalance(int bucketSize) {
            long largest = visits.stream().mapToLong(Long::longValue).max().orElse(0);
            long needed = Math.max(1, (total() + bucketSize - 1) / bucketSize);
            return largest > 2L * bucketSize || visits.size() > 1 && visits.size() > 2 * needed;
        }
    }

    /** Rebalances every organisation whose buckets call for it; the number of organisations done. */
    public int rebalanceWhereNeeded() {
        int done = 0;
        for (Sizes sizes : sizes()) {
            if (sizes.needRebalance(properties.bucketSize())) {
                rebalance(sizes.organisationId(), properties.bucketSize());
                done++;
            }
        }
        return done;
    }

    List<Sizes> sizes() {
        Map<Long, List<Long>> byOrganisation = new TreeMap<>();
        jdbc.sql("""
                select organisation_id, lower_bound, sum(visits) as n
                from visit_meeting_id_daily group by 1, 2 order by 1, 2""")
                .query(rs -> {
                    byOrganisation.computeIfAbsent(rs.getLong("organisation_id"), id -> new ArrayList<>())
                            .add(rs.getLong("n"));
                });
        return byOrganisation.entrySet().stream().map(e -> new Sizes(e.getKey(), e.getValue())).toList();
    }

    /**
     * Chooses boundaries every {@code bucketSize} meeting ids of the organisation (in the column's
     * order) and recounts its buckets, in one transaction under the per-organisation lock the rollup
     * triggers take: derivations of the organisation wait for it (see bench/report for the time it
     * takes at a million visits).
     */
    public void rebalance(long organisationId, int bucketSize) {
        long started = System.nanoTime();
        Integer buckets = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('visit_rollups'), hashint8(:org))")
                    .param("org", organisationId).query().listOfRows();
            jdbc.sql("delete from visit_meeting_id_bound where organisation_id = :org")
                    .param("org", organisationId).update();
            jdbc.sql("delete from visit_meeting_id_daily where organisation_id = :org")
                    .param("org", organisationId).update();
            // One pass over the visits in meeting-id order: bucket b holds ids number b * size + 1 to
            // (b + 1) * size, its boundary is the first of them (bucket 0: ''). That is the bucket the
            // triggers' look-up gives (the greatest boundary at or below the id), a test compares.
            jdbc.sql("""
                    with ranked as materialized (
                        select (start_time at time zone 'UTC')::date as day, meeting_id,
                               (row_number() over (order by meeting_id) - 1) / :size as b
                        from visit where organisation_id = :org),
                    bounds as (
                        select b, min(meeting_id) as lower_bound from ranked where b > 0 group by b),
                    stored as (
                        insert into visit_meeting_id_bound (organisation_id, lower_bound)
                        select :org, lower_bound from bounds)
                    insert into visit_meeting_id_daily (organisation_id, day, lower_bound, visits)
                    select :org, c.day, coalesce(k.lower_bound, ''), c.visits
                    from (select day, b, count(*) as visits from ranked group by 1, 2) c
                    left join bounds k using (b)""")
                    .param("org", organisationId).param("size", bucketSize).update();
            int bounds = jdbc.sql("select count(*) from visit_meeting_id_bound where organisation_id = :org")
                    .param("org", organisationId).query(Integer.class).single();
            return bounds + 1;
        });
        log.info("Meeting-id buckets of organisation {}: {} buckets of up to {} visits, chosen in {} ms",
                organisationId, buckets, bucketSize, (System.nanoTime() - started) / 1_000_000);
    }
}
