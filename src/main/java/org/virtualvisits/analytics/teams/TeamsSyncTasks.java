package org.virtualvisits.analytics.teams;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task of the connector: one execution per organisation (instance id = its id), so
 * a cluster runs one sync of an organisation at a time; after each run it reschedules itself one sync
 * interval later, and removes itself when the organisation no longer has a connection. An execution
 * whose instance died is revived (db-scheduler's default), and a sync that was cut short is simply
 * redone: its window starts where the last complete one ended.
 */
@Configuration(proxyBeanMethods = false)
class TeamsSyncTasks {

    private static final Logger log = LoggerFactory.getLogger(TeamsSyncTasks.class);

    static final TaskDescriptor<Long> SYNC = TaskDescriptor.of("teams-sync", Long.class);
    static final String SCHEDULED = "scheduled";

    @Bean
    CustomTask<Long> teamsSyncTask(TeamsSync sync, TeamsConnections connections, TeamsProperties properties,
                                   Clock clock) {
        return Tasks.custom(SYNC)
                .onFailure((FailureHandler<Long>) (complete, operations) -> {
                    long organisationId = (Long) complete.getExecution().taskInstance.getData();
                    log.warn("Teams sync of organisation {} failed unexpectedly; next try in one interval",
                            organisationId, complete.getCause().orElse(null));
                    operations.reschedule(complete, clock.instant().plus(interval(connections, properties,
                            organisationId)));
                })
                .execute((instance, context) -> {
                    long organisationId = instance.getData();
                    TeamsSync.Result result = sync.run(organisationId, SCHEDULED, null);
                    if (result.status() == TeamsSync.Status.NOT_CONFIGURED) {
                        return (CompletionHandler<Long>) (complete, operations) -> operations.remove();
                    }
                    Duration next = interval(connections, properties, organisationId);
                    return (CompletionHandler<Long>) (complete, operations) ->
                            operations.reschedule(complete, clock.instant().plus(next));
                });
    }

    static Duration interval(TeamsConnections connections, TeamsProperties properties, long organisationId) {
        return connections.find(organisationId).map(TeamsConnections.Stored::syncInterval)
                .orElse(properties.syncInterval());
    }
}
