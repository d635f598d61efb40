package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Date pickers that show dates as the rest of the page does (2026-11-05) and accept them typed that
 * way, as well as in the user's own short format (11/5/2026 in the US, 05/11/2026 in France).
 */
final class IsoDatePicker {

    static final String ISO = "yyyy-MM-dd";

    private IsoDatePicker() {
    }

    static void configure(DatePicker picker, Locale locale) {
        picker.setI18n(new DatePicker.DatePickerI18n().setDateFormats(ISO, localFormat(locale)));
        picker.setPlaceholder(ISO.toUpperCase(Locale.ROOT));
        picker.setManualValidation(true); // the report marks a wrong range itself, on the field at fault
    }

    /** The locale's short date pattern with a four-digit year, as the picker's tokens write it. */
    static String localFormat(Locale locale) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, locale);
        return pattern.replaceAll("y+", "yyyy");
    }
}
