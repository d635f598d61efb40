package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

/**
 * Delivery through db-scheduler: two scheduler instances on one database send each due mail once;
 * a mail server failure is retried with back-off; Send now goes through the application's scheduler.
 * The two test schedulers run the production task under a name of their own, which the
 * application's scheduler does not know and so leaves alone.
 */
@IntegrationTest
class SubscriptionSchedulingTest extends SubscriptionTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void twoSchedulersOnOneDatabaseSendEachDueMailOnce() throws Exception {
        organisationWithVisits();
        TaskDescriptor<Long> descriptor = TaskDescriptor.of("subscription-delivery-twin-test", Long.class);
        CustomTask<Long> task = SubscriptionTasks.deliveryTask(descriptor, delivery, Duration.ofMillis(200));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AppUserPrincipal user = user(Role.REPORT_VIEWER, Set.of());
            ids.add(subscribe(user, weekly(email(user), visitsView(), AttachmentFormat.NONE, Locale.ENGLISH)).id());
        }
        Scheduler first = scheduler(task, "first");
        Scheduler second = scheduler(task, "second");
        try {
            Instant due = Instant.now().minusSeconds(1);
            for (long id : ids) {
                first.schedule(task.instance(Long.toString(id), id), due);
            }
            first.start();
            second.start();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> greenMail.getReceivedMessages().length >= ids.size());
            Thread.sleep(1500); // time for a second send of any of them, if there were one
        } finally {
            first.stop();
            second.stop();
        }
        Map<String, Long> perRecipient = Arrays.stream(greenMail.getReceivedMessages())
                .map(SubscriptionSchedulingTest::recipient)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perRecipient).hasSize(ids.size()).allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
        for (long id : ids) {
            Subscription sent = subscriptions.find(id).orElseThrow();
            assertThat(sent.lastSentAt()).isNotNull();
            assertThat(sent.nextRunAt()).isAfter(Instant.now());
        }
    }

    @Test
    void aMailServerFailureIsRetriedWithBackOff() throws Exception {
        organisationWithVisits();
        TaskDescriptor<Long> descriptor = TaskDescriptor.of("subscription-delivery-retry-test", Long.class);
        CustomTask<Long> task = SubscriptionTasks.deliveryTask(descriptor, delivery, Duration.ofSeconds(2));
        AppUserPrincipal user = user(Role.REPORT_VIEWER, Set.of());
        long id = subscribe(user, weekly(email(user), visitsView(), AttachmentFormat.NONE, Locale.ENGLISH)).id();
        greenMail.stop();
        Scheduler scheduler = scheduler(task, "retry");
        try {
            scheduler.schedule(task.instance(Long.toString(id), id), Instant.now().minusSeconds(1));
            scheduler.start();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> subscriptions.find(id).orElseThrow().lastError() != null);
            Subscription failed = subscriptions.find(id).orElseThrow();
            assertThat(failed.lastError()).startsWith(SubscriptionDelivery.SMTP);
            assertThat(failed.nextRunAt()).as("the retry, about 2 s later")
                    .isBetween(Instant.now(), Instant.now().plusSeconds(3));
            greenMail.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessages().length == 1);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> subscriptions.find(id).orElseThrow().lastSentAt() != null);
        } finally {
            scheduler.stop();
        }
        Subscription sent = subscriptions.find(id).orElseThrow();
        assertThat(sent.lastError()).isNull();
        assertThat(recipient(greenMail.getReceivedMessages()[0])).isEqualTo(email(user));
    }

    @Test
    void afterTheLastRetryTheSendIsGivenUpAndTheRegularScheduleStands() throws Exception {
        organisationWithVisits();
        TaskDescriptor<Long> descriptor = TaskDescriptor.of("subscription-delivery-give-up-test", Long.class);
        CustomTask<Long> task = SubscriptionTasks.deliveryTask(descriptor, delivery, Duration.ofMillis(100));
        AppUserPrincipal user = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(user, weekly(email(user), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        greenMail.stop();
        Scheduler scheduler = scheduler(task, "give-up");
        try {
            scheduler.schedule(task.instance(Long.toString(subscription.id()), subscription.id()),
                    Instant.now().minusSeconds(1));
            scheduler.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> auditCount("subscription.gaveUp") == 1);
        } finally {
            scheduler.stop();
        }
        assertThat(auditCount("subscription.failed")).isEqualTo(SubscriptionTasks.MAX_ATTEMPTS);
        Subscription after = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(after.nextRunAt()).isEqualTo(subscription.schedule().nextAfter(clock.instant()));
        assertThat(after.lastError()).startsWith(SubscriptionDelivery.SMTP);
    }

    @Test
    void sendNowGoesThroughTheApplicationsSchedulerAndKeepsTheSchedule() throws Exception {
        organisationWithVisits();
        AppUserPrincipal user = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(user, weekly(email(user), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        Instant regular = subscription.nextRunAt();

        TestFixture.signIn(user);
        service.sendNow(subscription.id());
        TestFixture.signOut();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessages().length == 1);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> subscriptions.find(subscription.id()).orElseThrow().lastSentAt() != null);
        assertThat(subscriptions.find(subscription.id()).orElseThrow().nextRunAt()).isEqualTo(regular);
    }

    private Scheduler scheduler(CustomTask<Long> task, String name) {
        return Scheduler.create(dataSource, task).schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(name)).pollingInterval(Duration.ofMillis(100))
                .threads(3).build();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
