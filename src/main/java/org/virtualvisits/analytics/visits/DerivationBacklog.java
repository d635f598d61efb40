package org.virtualvisits.analytics.visits;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.visits.store.DerivationQueue;

/**
 * What of an organisation's stored events is not in its visits yet: the meetings waiting in the
 * derivation queue. Usually nothing, or for a fraction of a second; during a burst of batches up to
 * {@code app.derivation.max-lag} (decision 0013), and the report says so rather than look complete.
 */
@Service
public class DerivationBacklog {

    private final DerivationQueue queue;

    DerivationBacklog(DerivationQueue queue) {
        this.queue = queue;
    }

    /** When the longest-waiting meeting of the organisation was queued; empty when none waits. */
    @Transactional(readOnly = true)
    public Optional<Instant> waitingSince(long organisationId) {
        return Optional.ofNullable(queue.oldestQueuedAt(organisationId));
    }
}
