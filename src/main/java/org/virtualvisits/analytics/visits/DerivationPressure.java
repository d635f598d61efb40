package org.virtualvisits.analytics.visits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The balance between storing batches and deriving their visits (decision 0013). It knows how far
 * behind the derivation is (the lag) and how many batches are being stored at once. While senders
 * saturate the machine and the derivation is {@code yield-lag} behind, the derivation pauses and
 * leaves them the CPU; once it is {@code max-lag} behind, it runs whatever happens and batches wait
 * for it instead (back-pressure, at most {@code max-throttle} each).
 */
@Component
public class DerivationPressure {

    /**
     * How long after two batches were last stored at once a paused thread derives again: senders parse and
     * send between their batches, so a moment with fewer than two being stored does not mean they stopped.
     */
    static final Duration QUIET = Duration.ofMillis(200);
    /** How often a held batch looks again whether the derivation caught up. */
    private static final long THROTTLE_PAUSE_MILLIS = 20;

    /** Waits; tests pass one that moves their ticker instead of sleeping. */
    interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    /**
     * How long the oldest meeting claimed by the latest round had waited, and when that was measured.
     * Until the next round it keeps ageing: nothing older has been taken off the queue meanwhile.
     */
    private record Lag(long millis, long measuredAtNanos) {
        static final Lag NONE = new Lag(0, 0);
    }

    private final DerivationProperties properties;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private final Timer throttled;
    private final AtomicInteger batchesStoring = new AtomicInteger();
    private final AtomicLong lastConcurrentNanos;
    private volatile Lag lag = Lag.NONE;

    @Autowired
    DerivationPressure(DerivationProperties properties, MeterRegistry meters) {
        this(properties, meters, Clock.systemUTC(), System::nanoTime, Thread::sleep);
    }

    DerivationPressure(DerivationProperties properties, MeterRegistry meters, Clock clock, LongSupplier nanoTime,
            Pause pause) {
        this.properties = properties;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.pause = pause;
        this.lastConcurrentNanos = new AtomicLong(nanoTime.getAsLong() - QUIET.toNanos() - 1); // none seen yet
        this.throttled = Timer.builder("visits.ingestion.throttled")
                .description("Time batches waited for the derivation to catch up").register(meters);
        Gauge.builder("visits.derivation.lag.seconds", this, pressure -> pressure.lagMillis() / 1000.0)
                .description("How long the oldest meeting not yet derived has waited, as this instance knows it")
                .register(meters);
    }

    /**
     * A derivation round took {@code claimed} queue entries, the oldest queued at {@code oldestQueuedAt}:
     * a full round may have left older work behind it; a partial one emptied the queue as it was.
     */
    void roundDone(int claimed, Instant oldestQueuedAt) {
        lag = claimed < properties.batchSize() || oldestQueuedAt == null ? Lag.NONE
                : new Lag(Math.max(1, clock.millis() - oldestQueuedAt.toEpochMilli()), nanoTime.getAsLong());
    }

    /** Nobody derives here any more: batches must not wait for this instance. */
    void derivationStopped() {
        lag = Lag.NONE;
    }

    /**
     * How long the oldest meeting not yet derived has waited, as this instance knows it: measured by the
     * latest round, aged since (0 once a round emptied the queue).
     */
    public Duration lag() {
        return Duration.ofMillis(lagMillis());
    }

    private long lagMillis() {
        Lag current = lag;
        return current.millis() == 0 ? 0
                : current.millis() + (nanoTime.getAsLong() - current.measuredAtNanos()) / 1_000_000;
    }

    /**
     * Holds the caller while the derivation is more than {@code max-lag} behind, at most {@code max-throttle}:
     * the ingestion's back-pressure. Returns how long it waited.
     */
    public Duration awaitCatchUp() {
        long lagLimit = properties.maxLag().toMillis();
        if (lagMillis() <= lagLimit) {
            return Duration.ZERO;
        }
        long started = nanoTime.getAsLong();
        long deadline = started + properties.maxThrottle().toNanos();
        while (lagMillis() > lagLimit && nanoTime.getAsLong() < deadline) {
            try {
                pause.pause(THROTTLE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Duration waited = Duration.ofNanos(nanoTime.getAsLong() - started);
        throttled.record(waited);
        return waited;
    }

    /**
     * A batch is being stored, until {@link #storingFinished()}: while two or more are, and the derivation
     * is behind, it leaves them the CPU (see {@link DerivationProperties#yieldLag()}).
     */
    public void storingStarted() {
        long now = nanoTime.getAsLong();
        if (batchesStoring.incrementAndGet() >= 2) {
            sawConcurrentBatches(now);
        }
    }

    /** The batch announced by {@link #storingStarted()} is stored or refused. */
    public void storingFinished() {
        long now = nanoTime.getAsLong();
        if (batchesStoring.getAndDecrement() >= 2) {
            sawConcurrentBatches(now);
        }
    }

    private void sawConcurrentBatches(long atNanos) {
        lastConcurrentNanos.accumulateAndGet(atNanos, Math::max); // a late thread must not move it back
    }

    /**
     * Whether a derivation thread should start pausing: senders keep the machine busy and the derivation
     * is behind, but not yet {@code max-lag} behind, where the back-pressure takes over and the derivation
     * must run. One sender alone leaves CPU to spare, and a derivation that keeps up costs a batch
     * nothing, so neither pauses it.
     */
    boolean shouldYield() {
        return keepYielding() && lagMillis() >= properties.yieldLag().toMillis();
    }

    /**
     * Whether a pausing thread should go on pausing: several senders still store batches, and it is not
     * max-lag behind. Once one sender is left (a backfill alone, after a live feed's batch crossed it) the
     * derivation runs again, so one long stream's visits are not held back until max-lag.
     */
    boolean keepYielding() {
        return concurrentSenders() && lagMillis() < properties.maxLag().toMillis();
    }

    /** Two or more batches are being stored, or were at once within {@link #QUIET}. */
    private boolean concurrentSenders() {
        return batchesStoring.get() >= 2 || nanoTime.getAsLong() - lastConcurrentNanos.get() <= QUIET.toNanos();
    }
}
