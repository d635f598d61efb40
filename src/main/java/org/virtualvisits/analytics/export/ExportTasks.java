package org.virtualvisits.analytics.export;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler tasks of exports (the starter picks up every Task bean). One one-time task
 * instance per job, with the job id as its data: db-scheduler claims each execution through
 * the database, so two instances never run the same job, and revives an execution whose
 * instance stopped sending heartbeats, so an interrupted job runs again. A recurring task
 * removes expired exports.
 */
@Configuration(proxyBeanMethods = false)
class ExportTasks {

    private static final Logger log = LoggerFactory.getLogger(ExportTasks.class);

    static final TaskDescriptor<Long> EXPORT_JOB = TaskDescriptor.of("export-job", Long.class);
    static final String CLEANUP = "export-cleanup";

    @Bean
    OneTimeTask<Long> exportJobTask(ExportRunner runner) {
        // Default handlers of a one-time task: a dead execution is revived, a failed one
        // (the runner marks ordinary failures itself; this is interruption or a database
        // outage) is retried later.
        return Tasks.oneTime(EXPORT_JOB)
                .execute((instance, context) -> runner.run(instance.getData()));
    }

    @Bean
    RecurringTask<Void> exportCleanupTask(ExportJobs jobs, ExportProperties properties, Clock clock) {
        return Tasks.recurring(CLEANUP, Schedules.fixedDelay(properties.cleanupInterval()))
                .execute((instance, context) -> {
                    int deleted = jobs.deleteExpired(clock.instant());
                    if (deleted > 0) {
                        log.info("Removed {} expired export(s)", deleted);
                    }
                });
    }
}
