package org.virtualvisits.analytics.export;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The export's own texts (bundle i18n/export) in the language the user had when they asked.
 * Background jobs have no UI, so they read the bundle directly rather than through Vaadin.
 */
final class ExportTexts {

    private static final String BUNDLE = "i18n/export";

    private final Locale locale;
    private final ResourceBundle bundle;

    private ExportTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
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
        String value;
        try {
            value = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return params.length == 0 ? value : new MessageFormat(value, locale).format(params);
    }
}
