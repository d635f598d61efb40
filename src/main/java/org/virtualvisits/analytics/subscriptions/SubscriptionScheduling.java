package org.virtualvisits.analytics.subscriptions;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Puts a subscription's next send on db-scheduler's queue (in the caller's transaction), moves or removes it. */
@Component
class SubscriptionScheduling {

    private final ObjectProvider<Scheduler> scheduler;
    private final CustomTask<Long> task;

    SubscriptionScheduling(ObjectProvider<Scheduler> scheduler, CustomTask<Long> subscriptionDeliveryTask) {
        this.scheduler = scheduler;
        this.task = subscriptionDeliveryTask;
    }

    private TaskInstance<Long> instance(long subscriptionId) {
        return task.instance(Long.toString(subscriptionId), subscriptionId);
    }

    /**
     * The subscription's execution at {@code at}, created or moved; false when it is running right
     * now (it then moves itself to its next send time when done).
     */
    boolean schedule(long subscriptionId, Instant at) {
        Scheduler client = scheduler.getObject();
        try {
            // Not moved (picked between the two calls): it is running and moves itself when done.
            if (!client.scheduleIfNotExists(instance(subscriptionId), at) && !client.reschedule(instance(subscriptionId), at)) {
                return false;
            }
        } catch (RuntimeException e) {
            if (isRunning(client, subscriptionId)) {
                return false;
            }
            throw e;
        }
        wakeUpAfterCommit();
        return true;
    }

    /** Removes the subscription's execution, if it has one and it is not running (a run ends it itself). */
    void cancel(long subscriptionId) {
        Scheduler client = scheduler.getObject();
        if (client.getScheduledExecution(instance(subscriptionId)).isPresent() && !isRunning(client, subscriptionId)) {
            client.cancel(instance(subscriptionId));
        }
    }

    private boolean isRunning(Scheduler client, long subscriptionId) {
        return client.getScheduledExecution(instance(subscriptionId)).map(e -> e.isPicked()).orElse(false);
    }

    private void wakeUpAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.getObject().triggerCheckForDueExecutions();
                }
            });
        } else {
            scheduler.getObject().triggerCheckForDueExecutions();
        }
    }
}
