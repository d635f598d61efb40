package org.virtualvisits.analytics.export;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Puts a job on db-scheduler's queue, in the caller's transaction, and wakes the scheduler after the commit. */
@Component
class ExportScheduling {

    private final ObjectProvider<Scheduler> scheduler;
    private final OneTimeTask<Long> task;
    private final Clock clock;

    ExportScheduling(ObjectProvider<Scheduler> scheduler, OneTimeTask<Long> exportJobTask, Clock clock) {
        this.scheduler = scheduler;
        this.task = exportJobTask;
        this.clock = clock;
    }

    /**
     * Schedules the job now. db-scheduler's data source is transaction-aware, so inside a
     * transaction the execution commits (or not) together with the job row.
     */
    void schedule(long jobId) {
        scheduler.getObject().schedule(task.instance(Long.toString(jobId), jobId), clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        } else {
            wakeUp();
        }
    }

    /** Start due jobs now rather than at the next poll (this instance may claim the job). */
    private void wakeUp() {
        scheduler.getObject().triggerCheckForDueExecutions();
    }
}
