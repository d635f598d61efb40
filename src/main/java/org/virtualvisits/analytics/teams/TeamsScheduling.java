package org.virtualvisits.analytics.teams;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Starts and re-times the per-organisation sync executions of {@link TeamsSyncTasks}. */
@Component
class TeamsScheduling {

    /** What "Sync now" did. */
    enum Started { STARTED, ALREADY_RUNNING }

    private final ObjectProvider<Scheduler> scheduler;
    private final CustomTask<Long> task;
    private final Clock clock;

    TeamsScheduling(ObjectProvider<Scheduler> scheduler, CustomTask<Long> teamsSyncTask, Clock clock) {
        this.scheduler = scheduler;
        this.task = teamsSyncTask;
        this.clock = clock;
    }

    /** Makes sure the organisation syncs (first at {@code at}) if it does not yet. */
    void ensureScheduled(long organisationId, Instant at) {
        scheduler.getObject().scheduleIfNotExists(instance(organisationId), at);
    }

    /** The same, first sync due now. */
    void ensureScheduledNow(long organisationId) {
        ensureScheduled(organisationId, clock.instant());
    }

    /** Runs the organisation's sync as soon as possible, unless it is running right now. */
    Started syncNow(long organisationId) {
        Scheduler client = scheduler.getObject();
        TaskInstance<Long> instance = instance(organisationId);
        Optional<ScheduledExecution<Object>> existing = client.getScheduledExecution(instance);
        Instant now = clock.instant();
        if (existing.isPresent()) {
            if (existing.get().isPicked()) {
                return Started.ALREADY_RUNNING;
            }
            if (!client.reschedule(instance, now)) {
                return Started.ALREADY_RUNNING; // picked between the two calls
            }
        } else if (!client.scheduleIfNotExists(instance, now)) {
            return Started.ALREADY_RUNNING;
        }
        client.triggerCheckForDueExecutions();
        return Started.STARTED;
    }

    private TaskInstance<Long> instance(long organisationId) {
        return task.instance(Long.toString(organisationId), organisationId);
    }
}
