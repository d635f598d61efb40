package org.virtualvisits.analytics.subscriptions.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.ShownReport;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.security.UserAccount;
import org.virtualvisits.analytics.subscriptions.AttachmentFormat;
import org.virtualvisits.analytics.subscriptions.Frequency;
import org.virtualvisits.analytics.subscriptions.NewSubscription;
import org.virtualvisits.analytics.subscriptions.RelativeRange;
import org.virtualvisits.analytics.subscriptions.SendSchedule;
import org.virtualvisits.analytics.subscriptions.SubscribedView;
import org.virtualvisits.analytics.subscriptions.Subscription;
import org.virtualvisits.analytics.subscriptions.SubscriptionException;
import org.virtualvisits.analytics.subscriptions.SubscriptionService;

/**
 * "Subscribe to this report…": the tab as shown (filters, columns, sort, zone) with a relative range,
 * a schedule at a local time in a zone, the language and the attachment; a global admin also
 * chooses whom to subscribe.
 */
class SubscribeDialog extends Dialog {

    /** Region zones, as the report offers them, and UTC. */
    static final List<String> ZONES = Stream.concat(Stream.of("UTC"), ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")).sorted()).toList();

    final ComboBox<UserAccount> subscriber = new ComboBox<>();
    final TextField email = new TextField();
    final Select<RelativeRange> range = new Select<>();
    final Select<Frequency> frequency = new Select<>();
    final Select<DayOfWeek> dayOfWeek = new Select<>();
    final IntegerField dayOfMonth = new IntegerField();
    final TimePicker time = new TimePicker();
    final ComboBox<String> zone = new ComboBox<>();
    final Select<Locale> language = new Select<>();
    final Select<AttachmentFormat> attachment = new Select<>();
    final Button save = new Button();

    private final SubscriptionService subscriptions;
    private final ReportTab tab;
    private final ShownReport shown;

    SubscribeDialog(SubscriptionService subscriptions, ReportTab tab, ShownReport shown) {
        this.subscriptions = subscriptions;
        this.tab = tab;
        this.shown = shown;
        setId("subscribe-dialog");
        setHeaderTitle(getTranslation("subscriptions.dialog.title"));
        Paragraph view = new Paragraph(getTranslation("subscriptions.dialog.view", shown.title()));
        view.addClassName("vva-muted");
        add(view);
        if (!subscriptions.mailConfigured()) {
            Paragraph mailOff = new Paragraph(getTranslation("subscriptions.mailOff"));
            mailOff.setId("mail-off");
            add(mailOff);
        }
        add(form());
        save.setText(getTranslation("subscriptions.save"));
        save.setId("save-subscription");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        getFooter().add(new Button(getTranslation("subscriptions.cancel"), e -> close()), save);
    }

    private FormLayout form() {
        FormLayout form = new FormLayout();
        List<UserAccount> users = subscriptions.subscribableUsers();
        long myId = subscriptions.currentUserId();
        UserAccount me = users.stream().filter(u -> u.id() == myId).findFirst().orElse(null);
        subscriber.setLabel(getTranslation("subscriptions.subscriber"));
        subscriber.setItems(users);
        subscriber.setItemLabelGenerator(u -> u.displayName() + " (" + u.username() + ")");
        subscriber.setValue(me);
        subscriber.setVisible(subscriptions.managesOrganisation());
        subscriber.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                email.setValue(SubscriptionService.defaultEmail(e.getValue().username()));
            }
        });
        email.setLabel(getTranslation("subscriptions.email"));
        email.setId("subscription-email");
        email.setRequired(true);
        email.setValue(me == null ? "" : SubscriptionService.defaultEmail(me.username()));
        range.setLabel(getTranslation("subscriptions.range"));
        range.setItems(RelativeRange.values());
        range.setItemLabelGenerator(r -> getTranslation("subscriptions.range." + r.name()));
        range.setValue(RelativeRange.closestTo(shown.range().dayCount())); // the screen's preset
        frequency.setLabel(getTranslation("subscriptions.frequency"));
        frequency.setItems(Frequency.values());
        frequency.setItemLabelGenerator(f -> getTranslation("subscriptions.frequency." + f.name()));
        frequency.addValueChangeListener(e -> showDayFields());
        dayOfWeek.setLabel(getTranslation("subscriptions.dayOfWeek"));
        dayOfWeek.setItems(DayOfWeek.values());
        dayOfWeek.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.FULL, getLocale()));
        dayOfWeek.setValue(DayOfWeek.MONDAY);
        dayOfMonth.setLabel(getTranslation("subscriptions.dayOfMonth"));
        dayOfMonth.setHelperText(getTranslation("subscriptions.dayOfMonth.help"));
        dayOfMonth.setMin(1);
        dayOfMonth.setMax(31);
        dayOfMonth.setStepButtonsVisible(true);
        dayOfMonth.setValue(1);
        frequency.setValue(Frequency.WEEKLY);
        time.setLabel(getTranslation("subscriptions.time"));
        time.setStep(java.time.Duration.ofMinutes(15));
        time.setValue(LocalTime.of(8, 0));
        zone.setLabel(getTranslation("subscriptions.zone"));
        zone.setItems(ZONES);
        zone.setAllowCustomValue(false);
        ZoneId shownZone = shown.range().zone().normalized();
        zone.setValue(ZONES.contains(shownZone.getId()) ? shownZone.getId() : "UTC");
        language.setLabel(getTranslation("subscriptions.language"));
        language.setItems(Locale.ENGLISH, Locale.FRENCH);
        language.setItemLabelGenerator(l -> l.getDisplayLanguage(l));
        language.setValue(Locale.FRENCH.getLanguage().equals(getLocale().getLanguage()) ? Locale.FRENCH
                : Locale.ENGLISH);
        attachment.setLabel(getTranslation("subscriptions.attachment"));
        attachment.setItems(AttachmentFormat.values());
        attachment.setItemLabelGenerator(a -> getTranslation("subscriptions.attachment." + a.name()));
        attachment.setValue(AttachmentFormat.XLSX);
        form.add(subscriber, email, range, frequency, dayOfWeek, dayOfMonth, time, zone, language, attachment);
        return form;
    }

    private void showDayFields() {
        dayOfWeek.setVisible(frequency.getValue() == Frequency.WEEKLY);
        dayOfMonth.setVisible(frequency.getValue() == Frequency.MONTHLY);
    }

    void save() {
        try {
            VisitFilter filter = shown.filter();
            SubscribedView view = new SubscribedView(tab, filter.department(), filter.appointmentKind(),
                    filter.status(), shown.columns(), shown.sort(), shown.descending());
            SendSchedule schedule = new SendSchedule(frequency.getValue(), dayOfWeek.getValue(),
                    dayOfMonth.getValue(), time.getValue(),
                    zone.getValue() == null ? null : ZoneId.of(zone.getValue()));
            NewSubscription subscription = new NewSubscription(email.getValue(), view, range.getValue(), schedule,
                    language.getValue(), attachment.getValue());
            UserAccount who = subscriber.getValue();
            Subscription created = subscriptions.subscribe(who == null ? subscriptions.currentUserId() : who.id(),
                    subscription);
            Notification.show(getTranslation("subscriptions.created", SubscriptionFormats.dateTime(created.nextRunAt(),
                    created.schedule().zone(), getLocale())), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            close();
        } catch (SubscriptionException e) {
            Notification.show(getTranslation(e.key()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A field left empty or out of range: say which rule it broke, keep the dialog open.
            Notification.show(getTranslation("subscriptions.invalid", e.getMessage()), 5000,
                    Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
