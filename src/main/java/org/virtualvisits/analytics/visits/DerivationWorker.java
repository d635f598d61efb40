package org.virtualvisits.analytics.visits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * The background threads that re-derive queued meetings into visits ({@link DerivationRounds}):
 * {@code app.derivation.threads} per application instance (2: one round's JVM and database work
 * alternate, so a single thread uses at most about one core), woken at once by batches this instance
 * stored and otherwise polling for those of other instances. They pause while {@link DerivationPressure}
 * says senders need the CPU (decision 0013).
 */
@Component
public class DerivationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DerivationWorker.class);
    /** How often a paused (yielding) thread looks again whether it may derive. */
    private static final long YIELD_PAUSE_MILLIS = 50;

    private final DerivationRounds rounds;
    private final DerivationPressure pressure;
    private final DerivationProperties properties;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Timer yielded;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DerivationWorker(DerivationRounds rounds, DerivationPressure pressure, DerivationProperties properties,
            MeterRegistry meters) {
        this.rounds = rounds;
        this.pressure = pressure;
        this.properties = properties;
        this.yielded = Timer.builder("visits.derivation.yielded")
                .description("Pauses of the derivation that left the CPU to batches being stored").register(meters);
    }

    /** Tells the worker that something was queued (cheap; call after the queueing transaction committed). */
    public void wake() {
        if (wakeUp.availablePermits() < properties.threads()) {
            wakeUp.release();
        }
    }

    private void run() {
        while (running) {
            try {
                if (pressure.shouldYield()) {
                    long pausedAt = System.nanoTime();
                    while (running && pressure.keepYielding()) {
                        Thread.sleep(YIELD_PAUSE_MILLIS);
                    }
                    yielded.record(System.nanoTime() - pausedAt, TimeUnit.NANOSECONDS);
                    if (!running) {
                        return;
                    }
                }
                if (rounds.deriveNextRound() >= rounds.batchSize()) {
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
                try {
                    Thread.sleep(properties.retryDelay().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
        pressure.derivationStopped();
        wakeUp.release(threads.size());
        for (Thread worker : threads) {
            try { // lets the round in progress finish: interrupting JDBC I/O could break its connection
                worker.join(java.time.Duration.ofSeconds(30).toMillis());
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
