package org.virtualvisits.analytics.admin;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily data-retention run, claimed through the database so one instance runs it. */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    static final String TASK_NAME = "data-retention";
    /** 02:30 UTC: after midnight everywhere in Europe, before the working day. */
    static final LocalTime RUN_AT = LocalTime.of(2, 30);

    @Bean
    RecurringTask<Void> dataRetentionTask(DataRetention retention) {
        return Tasks.recurring(TASK_NAME, Schedules.daily(ZoneOffset.UTC, RUN_AT))
                .execute((instance, context) -> retention.purgeAll());
    }
}
