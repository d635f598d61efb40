package org.virtualvisits.analytics.export;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fan-out of job changes to the open Downloads tabs of this instance. Jobs running here send
 * their progress as it happens; every few seconds a tick goes out as well, so that a tab also
 * sees jobs that another instance runs (it then re-reads the job table).
 */
@Component
class ExportUpdates {

    private static final Logger log = LoggerFactory.getLogger(ExportUpdates.class);

    private final CopyOnWriteArrayList<Consumer<ExportUpdate>> listeners = new CopyOnWriteArrayList<>();

    /** Returns what to run to unsubscribe. */
    Runnable subscribe(Consumer<ExportUpdate> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(ExportUpdate update) {
        for (Consumer<ExportUpdate> listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                log.debug("An export listener failed; it is dropped", e);
                listeners.remove(listener);
            }
        }
    }

    @Scheduled(fixedDelayString = "${app.exports.tick-interval:2s}")
    void tick() {
        if (!listeners.isEmpty()) {
            publish(ExportUpdate.tick());
        }
    }

    int listenerCount() {
        return listeners.size();
    }
}
