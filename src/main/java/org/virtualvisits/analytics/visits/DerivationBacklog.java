package org.virtualvisits.analytics.visits;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What of an organisation's stored events is not in its visits yet: the meetings waiting in the
 * derivation queue. Usually nothing, or for a fraction of a second; during a burst of batches up to
 * {@code app.derivation.max-lag} (decision 0013), and the report says so rather than look complete.
 */
@Service
public class DerivationBacklog {

    private final JdbcClient jdbc;

    DerivationBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When the longest-waiting meeting of the organisation was queued; empty when none waits. */
    @Transactional(readOnly = true)
    public Optional<Instant> waitingSince(long organisationId) {
        return jdbc.sql("select min(queued_at) from visit_derivation_queue where organisation_id = :org")
                .param("org", organisationId)
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }
}
