package org.virtualvisits.analytics.subscriptions;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task of subscriptions: one execution per subscription (instance id = its id),
 * at its next send time. db-scheduler claims each execution through the database, so with two
 * instances of the application one of them sends the mail, once; after sending, the execution
 * is moved to the next send time. A failure (the mail server) is retried with exponential
 * back-off, {@link #MAX_ATTEMPTS} times, after which that send is given up and the next regular
 * one stands. A subscription that is gone or paused ends its execution.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionTasks {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionTasks.class);

    static final TaskDescriptor<Long> DELIVERY = TaskDescriptor.of("subscription-delivery", Long.class);

    /** Attempts of one send before it is given up. */
    static final int MAX_ATTEMPTS = 5;
    /** Wait before the first retry; it doubles with each failure (1, 2, 4, 8 minutes). */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    @Bean
    CustomTask<Long> subscriptionDeliveryTask(SubscriptionDelivery delivery) {
        return deliveryTask(DELIVERY, delivery, FIRST_RETRY);
    }

    /** The task (also built by tests with their own descriptor and back-off). */
    static CustomTask<Long> deliveryTask(TaskDescriptor<Long> descriptor, SubscriptionDelivery delivery,
            Duration firstRetry) {
        return Tasks.custom(descriptor)
                .onFailure((FailureHandler<Long>) (complete, operations) -> {
                    Execution execution = complete.getExecution();
                    long id = (Long) execution.taskInstance.getData();
                    int failures = execution.consecutiveFailures + 1;
                    if (failures >= MAX_ATTEMPTS) {
                        log.error("Subscription {} failed {} times; this send is given up", id, failures);
                        Optional<Instant> next = delivery.gaveUp(id);
                        if (next.isPresent()) {
                            operations.reschedule(complete, next.get());
                        } else {
                            operations.stop();
                        }
                    } else {
                        Instant retry = complete.getTimeDone().plus(firstRetry.multipliedBy(1L << (failures - 1)));
                        delivery.retryAt(id, retry);
                        operations.reschedule(complete, retry);
                    }
                })
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    Optional<Instant> next = delivery.deliver(instance.getData());
                    return next.<CompletionHandler<Long>>map(at -> (complete, operations) ->
                            operations.reschedule(complete, at)).orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}
