package org.virtualvisits.analytics.export;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
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

    /** Runs of one job that may fail (interrupted by a shutdown, database unreachable) before it is given up. */
    static final int MAX_FAILED_RUNS = 5;
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Bean
    OneTimeTask<Long> exportJobTask(ExportRunner runner, ExportJobs jobs, Clock clock) {
        // A dead execution (its instance stopped sending heartbeats) is revived: the default of a
        // one-time task. The runner marks ordinary failures itself; what reaches db-scheduler as a
        // failure is an interruption (shutdown) or an unreachable database: run it again shortly,
        // and after repeated failures mark the job failed so that it does not stay "running".
        return Tasks.oneTime(EXPORT_JOB)
                .onFailure((FailureHandler<Long>) (complete, operations) -> {
                    Execution execution = complete.getExecution();
                    long jobId = (Long) execution.taskInstance.getData();
                    if (execution.consecutiveFailures + 1 >= MAX_FAILED_RUNS) {
                        log.error("Export job {} failed {} times; giving up", jobId, MAX_FAILED_RUNS);
                        jobs.failed(jobId, "export.error.unexpected", clock.instant());
                        operations.stop();
                    } else {
                        operations.reschedule(complete, complete.getTimeDone().plus(RETRY_AFTER));
                    }
                })
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
