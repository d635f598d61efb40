package org.virtualvisits.analytics.export;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.List;
import java.util.ResourceBundle;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The export's texts (bundle i18n/export, then i18n/report for the labels the screen shows:
 * statuses, meeting types, appointment kinds) in the language the user had when they asked.
 * Background jobs have no UI, so they read the bundles directly rather than through Vaadin.
 */
final class ExportTexts {

    private static final List<String> BUNDLES = List.of("i18n/export", "i18n/report");

    private final Locale locale;
    private final List<ResourceBundle> bundles;

    private ExportTexts(Locale locale) {
        this.locale = locale;
        this.bundles = BUNDLES.stream().map(name -> ResourceBundle.getBundle(name, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))).toList();
    }

    /** French for a French locale, English for anything else (the languages of the product). */
    static ExportTexts of(Locale locale) {
        return new ExportTexts(supported(locale));
    }

    static Locale supported(Locale locale) {
        return locale != null && Locale.FRENCH.getLanguage().equals(locale.getLanguage())
                ? Locale.FRENCH : Locale.ENGLISH;
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... params) {
        for (ResourceBundle bundle : bundles) {
            if (bundle.containsKey(key)) {
                String value = bundle.getString(key);
                return params.length == 0 ? value : new MessageFormat(value, locale).format(params);
            }
        }
        return "!" + key + "!";
    }

    /** A status, meeting type or appointment kind as the grid shows it ("Completed", "Terminée"). */
    String label(VisitStatus status) {
        return get("status." + status.name());
    }

    String label(MeetingType type) {
        return get("type." + type.name());
    }

    String label(AppointmentKind kind) {
        return get("kind." + kind.name());
    }
}
