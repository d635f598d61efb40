package org.virtualvisits.analytics.report.rollup;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The meeting-id bucket job, claimed through the database so that one instance runs it at a time. */
@Configuration(proxyBeanMethods = false)
class MeetingIdBucketSchedule {

    static final String TASK_NAME = "meeting-id-buckets";

    @Bean
    RecurringTask<Void> meetingIdBucketTask(MeetingIdBuckets buckets, MeetingIdBucketProperties properties) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> buckets.rebalanceWhereNeeded());
    }
}
