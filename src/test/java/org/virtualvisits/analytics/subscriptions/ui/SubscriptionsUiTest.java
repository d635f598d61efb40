package org.virtualvisits.analytics.subscriptions.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;
import org.virtualvisits.analytics.subscriptions.AttachmentFormat;
import org.virtualvisits.analytics.subscriptions.Frequency;
import org.virtualvisits.analytics.subscriptions.NewSubscription;
import org.virtualvisits.analytics.subscriptions.RelativeRange;
import org.virtualvisits.analytics.subscriptions.SendSchedule;
import org.virtualvisits.analytics.subscriptions.SubscribedView;
import org.virtualvisits.analytics.subscriptions.Subscription;
import org.virtualvisits.analytics.subscriptions.SubscriptionService;
import org.virtualvisits.analytics.visits.VisitStatus;

/** "Subscribe to this report…" from the report, and the Subscriptions page. */
class SubscriptionsUiTest extends KaribuTest {

    @Autowired
    SubscriptionService service;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;

    private Organisation organisation;

    @AfterEach
    void removeSubscriptions() {
        if (organisation != null) {
            jdbc.sql("""
                    delete from scheduled_tasks where task_name = 'subscription-delivery' and task_instance in (
                        select id::text from report_subscription where organisation_id = :org)""")
                    .param("org", organisation.id()).update();
            jdbc.sql("delete from report_subscription where organisation_id = :org")
                    .param("org", organisation.id()).update();
        }
    }

    @Test
    void subscribingFromTheReportKeepsTheTabFiltersZoneColumnsAndSortOnScreen() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER);
        login(viewer.username());
        UI.getCurrent().navigate(ReportView.class, QueryParameters.simple(Map.of("tab", "bookings",
                "department", "Cardiology", "status", "NO_SHOW", "tz", "Europe/Paris", "sort", "lobby_wait",
                "order", "desc")));

        _click(_get(Button.class, spec -> spec.withId("subscribe")));
        SubscribeDialog dialog = _get(SubscribeDialog.class);
        assertThat(dialog.subscriber.isVisible()).as("a viewer subscribes only themselves").isFalse();
        assertThat(dialog.zone.getValue()).isEqualTo("Europe/Paris");
        assertThat(dialog.range.getValue()).as("the report's default 30 days").isEqualTo(RelativeRange.LAST_30_DAYS);
        dialog.email.setValue("ann@example.org");
        dialog.range.setValue(RelativeRange.PREVIOUS_MONTH);
        dialog.frequency.setValue(Frequency.MONTHLY);
        assertThat(dialog.dayOfMonth.isVisible()).isTrue();
        assertThat(dialog.dayOfWeek.isVisible()).isFalse();
        dialog.dayOfMonth.setValue(31);
        dialog.time.setValue(LocalTime.of(7, 0));
        dialog.language.setValue(Locale.FRENCH);
        dialog.attachment.setValue(AttachmentFormat.CSV);
        _click(dialog.save);

        assertThat(_find(SubscribeDialog.class)).isEmpty();
        List<Subscription> mine = service.list();
        assertThat(mine).hasSize(1);
        Subscription subscription = mine.get(0);
        assertThat(subscription.view().tab()).isEqualTo(ReportTab.BOOKINGS);
        assertThat(subscription.view().department()).isEqualTo("Cardiology");
        assertThat(subscription.view().status()).isEqualTo(VisitStatus.NO_SHOW);
        assertThat(subscription.view().sort()).isEqualTo(VisitSort.LOBBY_WAIT);
        assertThat(subscription.view().descending()).isTrue();
        assertThat(subscription.view().columns()).isEqualTo(VisitColumn.DEFAULT);
        assertThat(subscription.schedule()).isEqualTo(SendSchedule.monthly(31, LocalTime.of(7, 0),
                ZoneId.of("Europe/Paris")));
        assertThat(subscription.range()).isEqualTo(RelativeRange.PREVIOUS_MONTH);
        assertThat(subscription.language()).isEqualTo(Locale.FRENCH);
        assertThat(subscription.attachment()).isEqualTo(AttachmentFormat.CSV);
        assertThat(subscription.email()).isEqualTo("ann@example.org");
        assertThat(subscription.nextRunAt()).isNotNull();
    }

    @Test
    void aBadAddressKeepsTheDialogOpenWithAMessage() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER);
        login(viewer.username());
        UI.getCurrent().navigate(ReportView.class);
        _click(_get(Button.class, spec -> spec.withId("subscribe")));
        SubscribeDialog dialog = _get(SubscribeDialog.class);
        dialog.email.setValue("not an address");
        _click(dialog.save);
        assertThat(_find(SubscribeDialog.class)).hasSize(1);
        assertThat(NotificationsKt.getNotifications().get(0).getElement().getProperty("text"))
                .contains("Not an e-mail address");
        assertThat(service.list()).isEmpty();
    }

    @Test
    void aViewerSeesOnlyTheirOwnAndAGlobalAdminSeesPausesAndDeletesAll() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER);
        AppUserPrincipal admin = fixture.newUser(organisation, Role.GLOBAL_ADMIN);
        subscribe(viewer);
        subscribe(admin);

        login(viewer.username());
        UI.getCurrent().navigate(SubscriptionsView.class);
        SubscriptionsView view = _get(SubscriptionsView.class);
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(view.grid.getColumnByKey("subscriber")).isNull();

        login(admin.username());
        UI.getCurrent().navigate(SubscriptionsView.class);
        view = _get(SubscriptionsView.class);
        Grid<Subscription> grid = view.grid;
        assertThat(GridKt._size(grid)).isEqualTo(2);
        int row = GridKt._findAll(grid).stream().map(Subscription::userId).toList().indexOf(viewer.userId());
        long id = GridKt._get(grid, row).id();
        assertThat(GridKt._getFormatted(grid, row, "subscriber")).isEqualTo(viewer.username());
        assertThat(GridKt._getFormatted(grid, row, "schedule")).isEqualTo("Every Monday at 08:00 (UTC)");

        _click(action(grid, row, "pause-" + id));
        assertThat(GridKt._getFormatted(grid, row, "nextRun")).isEqualTo("Paused");
        assertThat(action(grid, row, "send-now-" + id).isEnabled()).isFalse();

        _click(action(grid, row, "delete-" + id));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(GridKt._findAll(grid)).extracting(Subscription::userId).containsExactly(admin.userId());
    }

    @Test
    void aGlobalAdminSubscribesAnotherUserOfTheOrganisation() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal admin = fixture.newUser(organisation, Role.GLOBAL_ADMIN);
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER, Set.of("Oncology"));
        login(admin.username());
        UI.getCurrent().navigate(ReportView.class);
        _click(_get(Button.class, spec -> spec.withId("subscribe")));
        SubscribeDialog dialog = _get(SubscribeDialog.class);
        assertThat(dialog.subscriber.isVisible()).isTrue();
        dialog.subscriber.setValue(users.findInOrganisation(organisation.id(), viewer.userId()).orElseThrow());
        dialog.email.setValue("viewer@example.org");
        _click(dialog.save);

        Subscription created = service.list().get(0);
        assertThat(created.userId()).isEqualTo(viewer.userId());
        assertThat(created.createdBy()).isEqualTo(admin.username());
    }

    @Test
    void sendNowQueuesTheSendAndTheOutcomeShowsOnThePage() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER);
        Subscription subscription = subscribe(viewer);
        // Disabled in the database (still signed in here): the send is refused at send time, no SMTP needed.
        users.setEnabled(organisation.id(), viewer.userId(), false);
        login(viewer.username());
        UI.getCurrent().navigate(SubscriptionsView.class);

        _click(action(_get(SubscriptionsView.class).grid, 0, "send-now-" + subscription.id()));

        assertThat(NotificationsKt.getNotifications().get(0).getElement().getProperty("text"))
                .isEqualTo("Queued: the mail goes out in a moment.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select last_error from report_subscription where id = :id").param("id", subscription.id())
                .query(String.class).optional().isPresent());
        SubscriptionsView view = _get(SubscriptionsView.class);
        view.refresh();
        assertThat(GridKt._getFormatted(view.grid, 0, "lastError"))
                .isEqualTo("The subscriber's account is disabled: nothing was sent.");
    }

    @Test
    void withoutAMailServerThePageAndTheDialogSaySo() {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = fixture.newUser(organisation, Role.REPORT_VIEWER);
        login(viewer.username());
        UI.getCurrent().navigate(SubscriptionsView.class);
        assertThat(_find(Div.class, spec -> spec.withId("mail-off"))).as("configured in the tests").isEmpty();

        Object settings = applicationContext.getBean("subscriptionSettings");
        ReflectionTestUtils.setField(settings, "mailConfigured", false);
        try {
            UI.getCurrent().navigate(ReportView.class);
            UI.getCurrent().navigate(SubscriptionsView.class);
            assertThat(_get(Div.class, spec -> spec.withId("mail-off")).getText())
                    .startsWith("Mail is not configured on this server");
            UI.getCurrent().navigate(ReportView.class);
            _click(_get(Button.class, spec -> spec.withId("subscribe")));
            assertThat(_get(Paragraph.class, spec -> spec.withId("mail-off")).getText())
                    .startsWith("Mail is not configured on this server");
        } finally {
            ReflectionTestUtils.setField(settings, "mailConfigured", true);
        }
    }

    private static Button action(Grid<Subscription> grid, int row, String id) {
        return _get(GridKt._getCellComponent(grid, row, "actions"), Button.class, spec -> spec.withId(id));
    }

    private Subscription subscribe(AppUserPrincipal user) {
        TestFixture.signIn(user);
        try {
            return service.subscribe(user.userId(), new NewSubscription(user.username() + "@example.org",
                    new SubscribedView(ReportTab.VISITS, null, null, null, VisitColumn.DEFAULT, null, false),
                    RelativeRange.LAST_7_DAYS, SendSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0),
                            ZoneId.of("UTC")), Locale.ENGLISH, AttachmentFormat.NONE));
        } finally {
            TestFixture.signOut();
        }
    }
}
