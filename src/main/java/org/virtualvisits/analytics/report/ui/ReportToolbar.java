package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;

/** The report's range (a preset, or a custom one from two date pickers), "Run report" and the settings button. */
class ReportToolbar extends HorizontalLayout {

    static final String CUSTOM = "custom";

    final Select<String> rangeSelect = new Select<>();
    final DatePicker fromPicker = new DatePicker();
    final DatePicker toPicker = new DatePicker();
    final Button runButton = new Button();

    ReportToolbar(Runnable run, Runnable openSettings) {
        rangeSelect.setLabel(getTranslation("report.range"));
        rangeSelect.setId("range");
        List<String> ranges = new ArrayList<>();
        ReportState.PRESETS.forEach(days -> ranges.add(days.toString()));
        ranges.add(CUSTOM);
        rangeSelect.setItems(ranges);
        rangeSelect.setItemLabelGenerator(value -> CUSTOM.equals(value)
                ? getTranslation("report.range.custom") : getTranslation("report.range.last" + value));
        rangeSelect.addValueChangeListener(e -> showCustomPickers(CUSTOM.equals(e.getValue())));
        IsoDatePicker.configure(fromPicker, getLocale());
        IsoDatePicker.configure(toPicker, getLocale());
        fromPicker.setLabel(getTranslation("report.from"));
        fromPicker.setId("from");
        toPicker.setLabel(getTranslation("report.to"));
        toPicker.setId("to");
        runButton.setText(getTranslation("report.run"));
        runButton.setId("run-report");
        runButton.setIcon(VaadinIcon.PLAY.create());
        runButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runButton.addClickListener(e -> run.run());
        runButton.addClickShortcut(Key.ENTER);

        Button settings = new Button(getTranslation("settings.open"), VaadinIcon.COG.create(), e -> openSettings.run());
        settings.setId("open-settings");
        settings.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        add(rangeSelect, fromPicker, toPicker, runButton, settings);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    void showCustomPickers(boolean custom) {
        fromPicker.setVisible(custom);
        toPicker.setVisible(custom);
    }
}
