package org.virtualvisits.analytics.export;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fan-out of job changes to the open Downloads tabs of this instance. Jobs running here send
 * their progress as it happens; every few seconds a tick goes out as well, so that a tab also
 * sees jobs that another instance runs (it then re-reads the job table).
 *
 * <p>Listeners are called on a thread of their own, in order: never on the job's thread, which
 * is inside the job's database transaction and must not wait for a UI.
 */
@Component
class ExportUpdates {

    private static final Logger log = LoggerFactory.getLogger(ExportUpdates.class);

    private final CopyOnWriteArrayList<Consumer<ExportUpdate>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "export-updates");
        thread.setDaemon(true);
        return thread;
    });

    /** Returns what to run to unsubscribe. */
    Runnable subscribe(Consumer<ExportUpdate> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(ExportUpdate update) {
        if (listeners.isEmpty()) {
            return;
        }
        dispatcher.execute(() -> {
            for (Consumer<ExportUpdate> listener : listeners) {
                try {
                    listener.accept(update);
                } catch (RuntimeException e) {
                    log.debug("An export listener failed; it is dropped", e);
                    listeners.remove(listener);
                }
            }
        });
    }

    @Scheduled(fixedDelayString = "${app.exports.tick-interval:2s}")
    void tick() {
        publish(ExportUpdate.tick());
    }

    /** Waits until every update published so far has reached the listeners (for tests). */
    void awaitDelivered() throws InterruptedException, ExecutionException, TimeoutException {
        dispatcher.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    int listenerCount() {
        return listeners.size();
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
    }
}
