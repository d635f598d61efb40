package org.virtualvisits.analytics.teams.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.virtualvisits.analytics.base.ui.PageHeading;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.teams.TeamsAdministration;
import org.virtualvisits.analytics.teams.TeamsAdministration.Form;
import org.virtualvisits.analytics.teams.TeamsAdministration.TestResult;
import org.virtualvisits.analytics.teams.TeamsException;
import org.virtualvisits.analytics.teams.TeamsSyncRuns.Run;

/**
 * The Microsoft Teams connection of the admin's organisation: app registration (the secret is
 * write-only), businesses, sync interval, "Test connection", "Sync now" and the last runs.
 */
@AccessDeniedErrorRouter(rerouteToError = AccessDeniedException.class)
@Menu(title = "nav.admin.teams", order = 14, icon = "vaadin:connect")
@Route("admin/teams")
@RolesAllowed(Role.Names.GLOBAL_ADMIN)
public class TeamsConnectionView extends VerticalLayout implements HasDynamicTitle {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TeamsAdministration administration;
    final TextField tenantId = new TextField();
    final TextField clientId = new TextField();
    final PasswordField clientSecret = new PasswordField();
    final TextArea businesses = new TextArea();
    final IntegerField intervalMinutes = new IntegerField();
    final Button save = new Button();
    final Button test = new Button();
    final Button syncNow = new Button();
    final Paragraph testResult = new Paragraph();
    final Paragraph configurationNote = new Paragraph();
    final Grid<Run> runs = new Grid<>();

    public TeamsConnectionView(TeamsAdministration administration) {
        this.administration = administration;
        addClassName("vva-page");
        setMaxWidth("72rem");

        tenantId.setLabel(getTranslation("teams.tenant"));
        tenantId.setHelperText(getTranslation("teams.tenant.helper"));
        tenantId.setId("teams-tenant");
        clientId.setLabel(getTranslation("teams.client"));
        clientId.setHelperText(getTranslation("teams.client.helper"));
        clientId.setId("teams-client");
        clientSecret.setLabel(getTranslation("teams.secret"));
        clientSecret.setRevealButtonVisible(false);
        clientSecret.setId("teams-secret");
        businesses.setLabel(getTranslation("teams.businesses"));
        businesses.setHelperText(getTranslation("teams.businesses.helper"));
        businesses.setId("teams-businesses");
        intervalMinutes.setLabel(getTranslation("teams.interval"));
        intervalMinutes.setMin(TeamsAdministration.MIN_INTERVAL_MINUTES);
        intervalMinutes.setMax(TeamsAdministration.MAX_INTERVAL_MINUTES);
        intervalMinutes.setStepButtonsVisible(true);
        intervalMinutes.setId("teams-interval");
        configurationNote.addClassName("vva-muted");
        configurationNote.setId("teams-configured");

        save.setText(getTranslation("teams.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("teams-save");
        save.addClickListener(e -> save());
        test.setText(getTranslation("teams.test"));
        test.setId("teams-test");
        test.addClickListener(e -> test());
        syncNow.setText(getTranslation("teams.syncNow"));
        syncNow.setId("teams-sync-now");
        syncNow.addClickListener(e -> syncNow());
        testResult.setId("teams-test-result");

        runs.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        runs.addColumn(r -> TIME.format(r.startedAt())).setHeader(getTranslation("teams.runs.when")).setKey("when")
                .setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(this::outcome).setHeader(getTranslation("teams.runs.outcome")).setKey("outcome")
                .setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(Run::appointmentsRead).setHeader(getTranslation("teams.runs.appointments"))
                .setKey("appointments").setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(Run::visitsChanged).setHeader(getTranslation("teams.runs.visits")).setKey("visits")
                .setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(r -> r.error() == null ? "" : r.error()).setHeader(getTranslation("teams.runs.error"))
                .setKey("error").setFlexGrow(1);
        runs.setId("teams-runs");
        runs.setAllRowsVisible(true);
        Button refresh = new Button(getTranslation("teams.runs.refresh"), e -> refreshRuns());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        FormLayout form = new FormLayout(tenantId, clientId, clientSecret, intervalMinutes, businesses);
        form.setColspan(businesses, 2);
        add(PageHeading.of(getTranslation("teams.title")), new Paragraph(getTranslation("teams.intro")), configurationNote,
                form, new HorizontalLayout(save, test, syncNow), testResult,
                PageHeading.section(getTranslation("teams.runs")), refresh, runs);
        load();
    }

    private void load() {
        Form form = administration.form();
        tenantId.setValue(nullToEmpty(form.tenantId()));
        clientId.setValue(nullToEmpty(form.clientId()));
        clientSecret.clear();
        clientSecret.setPlaceholder(form.secretStored() ? getTranslation("teams.secret.stored") : "");
        clientSecret.setHelperText(getTranslation(administration.canStoreSecrets() || form.fromConfiguration()
                ? "teams.secret.helper" : "teams.secret.noKey"));
        businesses.setValue(String.join("\n", form.businessIds()));
        intervalMinutes.setValue(form.syncIntervalMinutes());
        boolean configured = form.fromConfiguration();
        tenantId.setReadOnly(configured);
        clientId.setReadOnly(configured);
        clientSecret.setReadOnly(configured);
        configurationNote.setText(configured ? getTranslation("teams.configured") : "");
        configurationNote.setVisible(configured);
        refreshRuns();
    }

    private Form typed() {
        List<String> ids = Arrays.stream(businesses.getValue().split("[\\r\\n,;]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        Integer minutes = intervalMinutes.getValue();
        return new Form(tenantId.getValue(), clientId.getValue(), false, ids, minutes == null ? 0 : minutes, false);
    }

    void save() {
        try {
            administration.save(typed(), clientSecret.getValue());
            load();
            notice(getTranslation("teams.saved"), NotificationVariant.LUMO_SUCCESS);
        } catch (TeamsException e) {
            notice(getTranslation(e.key(), e.parameters()), NotificationVariant.LUMO_ERROR);
        }
    }

    void test() {
        try {
            TestResult result = administration.test(typed(), clientSecret.getValue());
            testResult.setText(getTranslation(result.key(), result.detail()));
            testResult.getElement().setAttribute("data-ok", Boolean.toString(result.ok()));
        } catch (TeamsException e) {
            testResult.setText(getTranslation(e.key(), e.parameters()));
            testResult.getElement().setAttribute("data-ok", "false");
        }
    }

    void syncNow() {
        try {
            boolean started = administration.syncNow();
            notice(getTranslation(started ? "teams.syncNow.started" : "teams.syncNow.running"),
                    NotificationVariant.LUMO_SUCCESS);
        } catch (TeamsException e) {
            notice(getTranslation(e.key(), e.parameters()), NotificationVariant.LUMO_ERROR);
        }
    }

    void refreshRuns() {
        runs.setItems(administration.lastRuns(20));
    }

    private String outcome(Run run) {
        return getTranslation(run.outcome() == null ? "teams.outcome.RUNNING" : "teams.outcome." + run.outcome().name());
    }

    private static void notice(String text, NotificationVariant variant) {
        Notification notification = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("teams.title") + " · " + getTranslation("app.name");
    }
}
