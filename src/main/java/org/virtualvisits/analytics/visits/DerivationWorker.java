package org.virtualvisits.analytics.visits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-derives the queued meetings into visits, in the background: {@code app.derivation.threads}
 * threads per application instance (2: one round's JVM and database work alternate, so a single
 * thread uses at most about one core), woken at once by batches this instance stored and
 * otherwise polling for those of other instances. Each round is one transaction: claim up to a
 * batch of queue entries, lock their meetings, read all their events, derive, upsert the visits
 * (which updates the report rollups), delete the entries. A meeting queued by several batches is derived once per round.
 *
 * <p>When senders saturate the machine (two or more batches being stored at once while the derivation
 * is {@code yield-lag} behind), the threads pause and leave the CPU to the batches, up to
 * {@code max-lag}; beyond that the batches wait instead (back-pressure). Decision 0013.
 *
 * <p>Why the result is always the derivation of all of a meeting's events: a batch commits its
 * events and its queue entry together, so whoever claims the entry reads those events; and the
 * meeting lock, taken before the read, orders two derivations of one meeting, so the later one
 * reads everything the earlier one did.
 */
@Component
public class DerivationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DerivationWorker.class);

    private final DerivationQueue queue;
    private final MeetingEvents store;
    private final DerivationProperties properties;
    private final TransactionTemplate transaction;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Timer roundTimer;
    private final Counter derivedMeetings;
    private final Counter failedMeetings;
    private final Timer throttled;
    private final Timer yielded;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger batchesStoring = new AtomicInteger();
    private final AtomicLong lastConcurrentNanos = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private volatile boolean running;
    private volatile Lag lag = Lag.NONE;

    /**
     * How long the oldest meeting claimed by the latest round had waited, and when that was measured.
     * Until the next round it keeps ageing: nothing older has been taken off the queue meanwhile.
     */
    private record Lag(long millis, long measuredAtNanos) {
        static final Lag NONE = new Lag(0, 0);

        long millisNow() {
            return millis == 0 ? 0 : millis + (System.nanoTime() - measuredAtNanos) / 1_000_000;
        }
    }

    /** How often a paused (yielding) thread looks again whether it may derive. */
    private static final long YIELD_PAUSE_MILLIS = 50;
    /**
     * How long after two batches were last stored at once a paused thread derives again: senders parse and
     * send between their batches, so a moment with fewer than two being stored does not mean they stopped.
     */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    DerivationWorker(DerivationQueue queue, MeetingEvents store, DerivationProperties properties,
                     PlatformTransactionManager transactions, MeterRegistry meters) {
        this.queue = queue;
        this.store = store;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.roundTimer = Timer.builder("visits.derivation.round")
                .description("One derivation transaction: claim, lock, read, derive, upsert").register(meters);
        this.derivedMeetings = Counter.builder("visits.derivation.meetings")
                .description("Meetings re-derived").register(meters);
        this.failedMeetings = Counter.builder("visits.derivation.failures")
                .description("Meetings whose derivation failed and was dropped from the queue").register(meters);
        this.throttled = Timer.builder("visits.ingestion.throttled")
                .description("Time batches waited for the derivation to catch up").register(meters);
        this.yielded = Timer.builder("visits.derivation.yielded")
                .description("Pauses of the derivation that left the CPU to batches being stored").register(meters);
        Gauge.builder("visits.derivation.lag.seconds", this, worker -> worker.lag.millisNow() / 1000.0)
                .description("How long the oldest meeting not yet derived has waited, as this instance knows it")
                .register(meters);
    }

    /**
     * Holds the caller while this instance's derivation is more than {@code maxLag} behind, at most
     * {@code maxThrottle}: the ingestion's back-pressure. Returns how long it waited.
     */
    public Duration awaitCatchUp() {
        long lagLimit = properties.maxLag().toMillis();
        if (lag.millisNow() <= lagLimit) {
            return Duration.ZERO;
        }
        long started = System.nanoTime();
        long deadline = started + properties.maxThrottle().toNanos();
        while (lag.millisNow() > lagLimit && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        throttled.record(waited);
        return waited;
    }

    /**
     * How long the oldest meeting not yet derived has waited, as this instance knows it: measured by the
     * latest round, aged since (0 once a round emptied the queue).
     */
    public Duration lag() {
        return Duration.ofMillis(lag.millisNow());
    }

    /**
     * Tells the worker that a batch is being stored, until {@link #storingFinished()}: while two or more
     * are, and the derivation is behind, it leaves them the CPU (see {@link DerivationProperties#yieldLag()}).
     */
    public void storingStarted() {
        long now = System.nanoTime();
        if (batchesStoring.incrementAndGet() >= 2) {
            sawConcurrentBatches(now);
        }
    }

    /** The batch announced by {@link #storingStarted()} is stored or refused. */
    public void storingFinished() {
        long now = System.nanoTime();
        if (batchesStoring.getAndDecrement() >= 2) {
            sawConcurrentBatches(now);
        }
    }

    private void sawConcurrentBatches(long atNanos) {
        lastConcurrentNanos.accumulateAndGet(atNanos, Math::max); // a late thread must not move it back
    }

    /**
     * Whether a background thread should start pausing: senders keep the machine busy (two or more
     * batches were being stored here at once within the last 200 ms: senders also spend time sending and
     * parsing, outside the store) and the derivation is behind, but not yet {@code max-lag} behind, where
     * the back-pressure takes over and the derivation must run. One sender alone leaves CPU to spare,
     * and a derivation that keeps up costs a batch nothing, so neither pauses it.
     */
    boolean shouldYield() {
        return keepYielding() && lag.millisNow() >= properties.yieldLag().toMillis();
    }

    /**
     * Whether a pausing thread should go on pausing: several senders still store batches, and it is not
     * max-lag behind. Once one sender is left (a backfill alone, after a live feed's batch crossed it) the
     * derivation runs again: pausing until every sender stopped held one long stream's visits back until
     * max-lag.
     */
    boolean keepYielding() {
        return concurrentSenders() && !tooFarBehind();
    }

    /** Two or more batches are being stored, or were at once within the last 200 ms. */
    private boolean concurrentSenders() {
        return batchesStoring.get() >= 2 || System.nanoTime() - lastConcurrentNanos.get() <= QUIET_NANOS;
    }

    private boolean tooFarBehind() {
        return lag.millisNow() >= properties.maxLag().toMillis();
    }

    /** Tells the worker that something was queued (cheap; call after the queueing transaction committed). */
    public void wake() {
        if (wakeUp.availablePermits() < properties.threads()) {
            wakeUp.release();
        }
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
            sleep(Duration.ofMillis(5));
        }
    }

    /**
     * One round; returns how many queue entries it took (0: nothing claimable). A round that fails on
     * something other than the database's availability is redone one meeting at a time, and a meeting
     * that fails alone is logged and dropped from the queue, so one bad meeting cannot stop the others.
     */
    int deriveNextRound() {
        DerivationQueue.Claim claimed;
        long started = System.nanoTime();
        try {
            claimed = transaction.execute(status -> {
                DerivationQueue.Claim claim = queue.claim(properties.batchSize());
                if (!claim.meetings().isEmpty()) {
                    derive(new TreeSet<>(claim.meetings()));
                }
                return claim;
            });
        } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
            throw e;
        } catch (RuntimeException roundFailed) {
            log.warn("Visit derivation round failed ({}); deriving its meetings one at a time", roundFailed.toString());
            return deriveOneByOne();
        }
        roundTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        int size = claimed.meetings().size();
        // A full round may have left older work behind it; a partial one emptied the queue as it was.
        lag = size < properties.batchSize() || claimed.oldestQueuedAt() == null ? Lag.NONE
                : new Lag(Math.max(1, System.currentTimeMillis() - claimed.oldestQueuedAt().toEpochMilli()),
                System.nanoTime());
        return size;
    }

    private void derive(SortedSet<QueuedMeeting> meetings) {
        store.lockMeetings(meetings);
        Map<Long, List<String>> byOrganisation = new TreeMap<>();
        meetings.forEach(m -> byOrganisation.computeIfAbsent(m.organisationId(), k -> new ArrayList<>()).add(m.meetingId()));
        // Organisations in ascending order: the rollup triggers lock each organisation until the commit.
        byOrganisation.forEach((organisationId, meetingIds) -> {
            Map<String, List<MeetingEvent>> events = store.eventsOf(organisationId, meetingIds);
            List<Visit> visits = new ArrayList<>(meetingIds.size());
            for (String meetingId : meetingIds) {
                List<MeetingEvent> meetingEvents = events.get(meetingId);
                if (meetingEvents != null) { // none left: its events were purged by data retention meanwhile
                    VisitDerivation.derive(meetingEvents).ifPresent(visits::add);
                }
            }
            store.upsertVisits(organisationId, visits);
        });
        derivedMeetings.increment(meetings.size());
    }

    /** After a failed round: the same claim, one meeting per transaction. */
    private int deriveOneByOne() {
        List<QueuedMeeting> entries = transaction.execute(status -> {
            // Peek without removing: each meeting is then claimed in its own transaction.
            List<QueuedMeeting> claimed = queue.claim(properties.batchSize()).meetings();
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
            } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
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

    private void run() {
        while (running) {
            try {
                if (shouldYield()) {
                    long pausedAt = System.nanoTime();
                    while (running && keepYielding()) {
                        Thread.sleep(YIELD_PAUSE_MILLIS);
                    }
                    yielded.record(System.nanoTime() - pausedAt, TimeUnit.NANOSECONDS);
                    if (!running) {
                        return;
                    }
                }
                if (deriveNextRound() >= properties.batchSize()) {
                    wake(); // more waiting: let a sibling thread claim the next round meanwhile
                } else {
                    // Caught up: wait for work, then let a little more of it gather.
                    if (wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        Thread.sleep(properties.gatherDelay().toMillis());
                    }
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ConcurrencyFailureException e) {
                log.debug("Visit derivation round lost to a concurrent one; trying again", e);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Visit derivation failed on the database; trying again in {}", properties.retryDelay(), e);
                sleep(properties.retryDelay());
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the visit derivation", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 1; i <= properties.threads(); i++) {
            Thread thread = new Thread(this::run, "visit-derivation-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        lag = Lag.NONE; // nobody derives here any more: batches must not wait for this worker
        wakeUp.release(threads.size());
        for (Thread worker : threads) {
            try { // lets the round in progress finish: interrupting JDBC I/O could break its connection
                worker.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database connections close, starts after everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
