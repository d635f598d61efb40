package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Arrays;
import java.util.List;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitColumn;

/**
 * The settings pane: the organisation's analytics switch (administrators only, takes effect at
 * once; switching off asks for confirmation) and the grid columns (each user's own, kept across sessions; exports follow them).
 */
class ReportSettingsDialog extends Dialog {

    final Checkbox analyticsEnabled = new Checkbox();
    final CheckboxGroup<VisitColumn> columns = new CheckboxGroup<>();

    ReportSettingsDialog(ReportService reports, boolean isAdmin, Runnable onChange) {
        setHeaderTitle(getTranslation("settings.title"));
        setId("report-settings");
        setWidth("min(40rem, 95vw)");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);

        if (isAdmin) {
            analyticsEnabled.setLabel(getTranslation("settings.analytics"));
            analyticsEnabled.setId("analytics-enabled");
            analyticsEnabled.setValue(reports.organisation().analyticsEnabled());
            analyticsEnabled.addValueChangeListener(e -> {
                if (!e.isFromClient()) {
                    return;
                }
                if (e.getValue()) {
                    switchAnalytics(reports, true, onChange);
                    return;
                }
                // Off refuses every incoming event until someone switches it on again: confirm first.
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("settings.analytics.confirm.title"),
                        getTranslation("settings.analytics.confirm.text"),
                        getTranslation("settings.analytics.confirm.ok"),
                        ok -> switchAnalytics(reports, false, onChange));
                confirm.setId("confirm-analytics-off");
                confirm.setCancelable(true);
                confirm.setCancelText(getTranslation("settings.cancel"));
                confirm.addCancelListener(cancel -> analyticsEnabled.setValue(true));
                confirm.setConfirmButtonTheme("error primary");
                confirm.open();
            });
            body.add(new H3(getTranslation("settings.organisation")), analyticsEnabled,
                    new Paragraph(getTranslation("settings.analytics.help")));
        }

        columns.setLabel(getTranslation("settings.columns"));
        columns.setId("grid-columns");
        columns.addThemeVariants(com.vaadin.flow.component.checkbox.CheckboxGroupVariant.LUMO_VERTICAL);
        columns.setItems(Arrays.asList(VisitColumn.values()));
        columns.setItemLabelGenerator(c -> getTranslation(c.headerKey()));
        columns.setValue(new java.util.HashSet<>(reports.gridColumns()));
        body.add(new H3(getTranslation("settings.yours")), columns);
        add(body);

        Button save = new Button(getTranslation("settings.save"), e -> {
            List<VisitColumn> chosen = Arrays.stream(VisitColumn.values()).filter(columns.getValue()::contains).toList();
            if (chosen.isEmpty()) {
                columns.setInvalid(true);
                columns.setErrorMessage(getTranslation("settings.columns.none"));
                return;
            }
            reports.saveGridColumns(chosen);
            onChange.run();
            close();
        });
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("settings.cancel"), e -> close()), save);
    }

    private void switchAnalytics(ReportService reports, boolean enabled, Runnable onChange) {
        reports.setAnalyticsEnabled(enabled);
        Notification.show(getTranslation(enabled ? "settings.analytics.on" : "settings.analytics.off"),
                4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        onChange.run();
    }

}
