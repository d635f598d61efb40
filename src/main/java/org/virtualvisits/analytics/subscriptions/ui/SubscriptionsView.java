package org.virtualvisits.analytics.subscriptions.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.TextStyle;
import java.util.List;
import org.virtualvisits.analytics.base.ui.PageHeading;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.subscriptions.SendSchedule;
import org.virtualvisits.analytics.subscriptions.Subscription;
import org.virtualvisits.analytics.subscriptions.SubscriptionException;
import org.virtualvisits.analytics.subscriptions.SubscriptionService;

/**
 * The signed-in user's report subscriptions (a global admin: the organisation's): when each was
 * last sent, when it runs next, what went wrong last; pause, resume, delete, Send now.
 */
@Menu(title = "nav.subscriptions", order = 1, icon = "vaadin:envelope-o")
@Route("subscriptions")
@RolesAllowed({Role.Names.GLOBAL_ADMIN, Role.Names.TEAMS_ADMIN, Role.Names.REPORT_VIEWER})
public class SubscriptionsView extends VerticalLayout implements HasDynamicTitle {

    private final SubscriptionService subscriptions;
    final Grid<Subscription> grid = new Grid<>();
    final Paragraph empty = new Paragraph();

    public SubscriptionsView(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
        addClassName("vva-page");
        setSizeFull();
        boolean organisation = subscriptions.managesOrganisation();
        add(PageHeading.of(getTranslation("subscriptions.title")));
        Paragraph intro = new Paragraph(getTranslation(organisation ? "subscriptions.intro.admin"
                : "subscriptions.intro"));
        intro.addClassName("vva-muted");
        add(intro);
        if (!subscriptions.mailConfigured()) {
            Div mailOff = new Div();
            mailOff.setId("mail-off");
            mailOff.addClassName("vva-banner");
            mailOff.setText(getTranslation("subscriptions.mailOff"));
            add(mailOff);
        }
        empty.setText(getTranslation("subscriptions.none"));
        empty.setId("no-subscriptions");
        grid.setId("subscriptions");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        if (organisation) {
            grid.addColumn(Subscription::username).setHeader(getTranslation("subscriptions.col.subscriber"))
                    .setKey("subscriber").setAutoWidth(true);
        }
        grid.addColumn(s -> getTranslation(s.view().tab().titleKey()) + ", "
                        + getTranslation("subscriptions.range." + s.range().name()) + " → " + s.email())
                .setHeader(getTranslation("subscriptions.col.report")).setKey("report").setFlexGrow(2);
        grid.addColumn(s -> scheduleText(s.schedule())).setHeader(getTranslation("subscriptions.col.schedule"))
                .setKey("schedule").setFlexGrow(2);
        grid.addColumn(s -> SubscriptionFormats.dateTime(s.lastSentAt(), s.schedule().zone(), getLocale()))
                .setHeader(getTranslation("subscriptions.col.lastSent")).setKey("lastSent").setAutoWidth(true);
        grid.addColumn(s -> s.paused() ? getTranslation("subscriptions.paused")
                        : SubscriptionFormats.dateTime(s.nextRunAt(), s.schedule().zone(), getLocale()))
                .setHeader(getTranslation("subscriptions.col.nextRun")).setKey("nextRun").setAutoWidth(true);
        grid.addColumn(this::errorText).setHeader(getTranslation("subscriptions.col.lastError")).setKey("lastError")
                .setFlexGrow(2);
        grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        add(empty, grid);
        refresh();
    }

    private HorizontalLayout actions(Subscription subscription) {
        Button pause = new Button(getTranslation(subscription.paused() ? "subscriptions.resume" : "subscriptions.pause"),
                e -> act(() -> subscriptions.setPaused(subscription.id(), !subscription.paused()), null));
        pause.setId("pause-" + subscription.id());
        Button sendNow = new Button(getTranslation("subscriptions.sendNow"), VaadinIcon.PAPERPLANE.create(),
                e -> act(() -> subscriptions.sendNow(subscription.id()), "subscriptions.sendNow.done"));
        sendNow.setId("send-now-" + subscription.id());
        sendNow.setEnabled(!subscription.paused());
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(subscription));
        delete.setId("delete-" + subscription.id());
        delete.setAriaLabel(getTranslation("subscriptions.delete"));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button button : List.of(pause, sendNow, delete)) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(pause, sendNow, delete);
    }

    private void confirmDelete(Subscription subscription) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("confirm-delete");
        confirm.setHeader(getTranslation("subscriptions.delete"));
        confirm.setText(getTranslation("subscriptions.delete.confirm"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("subscriptions.cancel"));
        confirm.setConfirmText(getTranslation("subscriptions.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> act(() -> subscriptions.delete(subscription.id()), null));
        confirm.open();
    }

    private void act(Runnable action, String doneKey) {
        try {
            action.run();
            if (doneKey != null) {
                Notification.show(getTranslation(doneKey), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        } catch (SubscriptionException e) {
            Notification.show(getTranslation(e.key()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void refresh() {
        List<Subscription> all = subscriptions.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    String scheduleText(SendSchedule schedule) {
        String day = switch (schedule.frequency()) {
            case DAILY -> "";
            case WEEKLY -> schedule.dayOfWeek().getDisplayName(TextStyle.FULL, getLocale());
            case MONTHLY -> schedule.dayOfMonth().toString();
        };
        return getTranslation("subscriptions.schedule." + schedule.frequency().name(), schedule.time().toString(),
                schedule.zone().getId(), day);
    }

    /** The stored error as "key" or "key|detail" (the mail server's own words). */
    String errorText(Subscription subscription) {
        String error = subscription.lastError();
        if (error == null) {
            return "";
        }
        int bar = error.indexOf('|');
        return bar < 0 ? getTranslation(error) : getTranslation(error.substring(0, bar), error.substring(bar + 1));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("subscriptions.title") + " · " + getTranslation("app.name");
    }
}
