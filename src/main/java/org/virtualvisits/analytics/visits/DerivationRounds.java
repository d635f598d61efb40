package org.virtualvisits.analytics.visits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.visits.store.DerivationQueue;
import org.virtualvisits.analytics.visits.store.MeetingEvents;
import org.virtualvisits.analytics.visits.store.MeetingLocks;
import org.virtualvisits.analytics.visits.store.QueuedMeeting;
import org.virtualvisits.analytics.visits.store.VisitStore;

/**
 * One derivation round is one transaction: claim up to a batch of queue entries, lock their meetings,
 * read all their events, derive, upsert the visits (which updates the report rollups), delete the
 * entries. A meeting queued by several batches is derived once per round.
 *
 * <p>Why the result is always the derivation of all of a meeting's events: a batch commits its events
 * and its queue entry together, so whoever claims the entry reads those events; and the meeting lock,
 * taken before the read, orders two derivations of one meeting, so the later one reads everything the
 * earlier one did.
 */
@Component
public class DerivationRounds {

    private static final Logger log = LoggerFactory.getLogger(DerivationRounds.class);

    private final DerivationQueue queue;
    private final MeetingLocks locks;
    private final MeetingEvents events;
    private final VisitStore visits;
    private final DerivationPressure pressure;
    private final int batchSize;
    private final TransactionTemplate transaction;
    private final Timer roundTimer;
    private final Counter derivedMeetings;
    private final Counter failedMeetings;

    public DerivationRounds(DerivationQueue queue, MeetingLocks locks, MeetingEvents events, VisitStore visits,
            DerivationPressure pressure, DerivationProperties properties, PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.queue = queue;
        this.locks = locks;
        this.events = events;
        this.visits = visits;
        this.pressure = pressure;
        this.batchSize = properties.batchSize();
        this.transaction = new TransactionTemplate(transactions);
        this.roundTimer = Timer.builder("visits.derivation.round")
                .description("One derivation transaction: claim, lock, read, derive, upsert").register(meters);
        this.derivedMeetings = Counter.builder("visits.derivation.meetings")
                .description("Meetings re-derived").register(meters);
        this.failedMeetings = Counter.builder("visits.derivation.failures")
                .description("Meetings whose derivation failed and was dropped from the queue").register(meters);
    }

    /**
     * Derives everything queued, in the calling thread, and returns once the queue is empty, including
     * entries that another worker had claimed (they stay visible until that worker commits). For the
     * demo seeding and for tests, which need the visits of what they just stored.
     *
     * @throws IllegalStateException when the queue is not empty after {@code timeout}
     */
    public void deriveQueued(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                while (deriveNextRound() > 0) {
                    // keep going while there is work this thread can claim
                }
            } catch (ConcurrencyFailureException lostToAnotherRound) {
                // rolled back: its entries are queued again, and the check below sees them
            }
            if (!queue.anyQueued()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Meetings still queued for derivation after " + timeout);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the visit derivation", e);
            }
        }
    }

    /**
     * One round; returns how many queue entries it took (0: nothing claimable). A round that fails on
     * something other than the database's availability (a transaction that could not begin, commit or
     * roll back is the database going away, and is retried as a whole) is redone one meeting at a time, and a meeting
     * that fails alone is logged and dropped from the queue, so one bad meeting cannot stop the others.
     */
    int deriveNextRound() {
        DerivationQueue.Claim claimed;
        long started = System.nanoTime();
        try {
            claimed = transaction.execute(status -> {
                DerivationQueue.Claim claim = queue.claim(batchSize);
                if (!claim.meetings().isEmpty()) {
                    derive(new TreeSet<>(claim.meetings()));
                }
                return claim;
            });
        } catch (TransientDataAccessException | DataAccessResourceFailureException | TransactionException e) {
            throw e;
        } catch (RuntimeException roundFailed) {
            log.warn("Visit derivation round failed ({}); deriving its meetings one at a time", roundFailed.toString());
            return deriveOneByOne();
        }
        roundTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        pressure.roundDone(claimed.meetings().size(), claimed.oldestQueuedAt());
        return claimed.meetings().size();
    }

    int batchSize() {
        return batchSize;
    }

    private void derive(SortedSet<QueuedMeeting> meetings) {
        locks.lockMeetings(meetings);
        Map<Long, List<String>> byOrganisation = new TreeMap<>();
        meetings.forEach(m -> byOrganisation.computeIfAbsent(m.organisationId(), k -> new ArrayList<>()).add(m.meetingId()));
        // Organisations in ascending order: the rollup triggers lock each organisation until the commit.
        byOrganisation.forEach((organisationId, meetingIds) -> {
            Map<String, List<MeetingEvent>> stored = events.eventsOf(organisationId, meetingIds);
            List<Visit> derived = new ArrayList<>(meetingIds.size());
            for (String meetingId : meetingIds) {
                List<MeetingEvent> meetingEvents = stored.get(meetingId);
                if (meetingEvents != null) { // none left: its events were purged by data retention meanwhile
                    VisitDerivation.derive(meetingEvents).ifPresent(derived::add);
                }
            }
            visits.upsertVisits(organisationId, derived);
        });
        derivedMeetings.increment(meetings.size());
    }

    /** After a failed round: the same claim, one meeting per transaction. */
    private int deriveOneByOne() {
        List<QueuedMeeting> entries = transaction.execute(status -> {
            // Peek without removing: each meeting is then claimed in its own transaction.
            List<QueuedMeeting> claimed = queue.claim(batchSize).meetings();
            status.setRollbackOnly();
            return claimed;
        });
        for (QueuedMeeting meeting : new TreeSet<>(entries)) {
            try {
                transaction.executeWithoutResult(status -> {
                    if (queue.drop(meeting) > 0) {
                        derive(new TreeSet<>(List.of(meeting)));
                    }
                });
            } catch (TransientDataAccessException | DataAccessResourceFailureException | TransactionException e) {
                throw e;
            } catch (RuntimeException failed) {
                int dropped = transaction.execute(status -> queue.drop(meeting));
                if (dropped == 0) {
                    continue; // another worker met the same failure and dropped it first
                }
                failedMeetings.increment();
                log.error("Could not derive meeting '{}' of organisation {}; dropped it from the queue ({} entries). "
                                + "Its events stay stored; the next event of the meeting queues it again.",
                        meeting.meetingId(), meeting.organisationId(), dropped, failed);
            }
        }
        return entries.size();
    }
}
