package org.virtualvisits.analytics.subscriptions;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts of a subscription mail in the subscription's language, read from the bundles directly
 * (a mail is written without a UI): the feature's own bundle, then the report's (tab titles,
 * figure names, series), so that the mail says what the screen says.
 */
public final class SubscriptionTexts {

    private static final List<String> BUNDLES = List.of("i18n/subscriptions", "i18n/report", "i18n/common");

    private final Locale locale;
    private final List<ResourceBundle> bundles;

    private SubscriptionTexts(Locale locale) {
        this.locale = locale;
        this.bundles = BUNDLES.stream().map(name -> ResourceBundle.getBundle(name, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))).toList();
    }

    public static SubscriptionTexts of(Locale locale) {
        return new SubscriptionTexts(supported(locale));
    }

    /** French for a French locale, English for anything else (the languages of the product). */
    static Locale supported(Locale locale) {
        return locale != null && Locale.FRENCH.getLanguage().equals(locale.getLanguage())
                ? Locale.FRENCH : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... params) {
        for (ResourceBundle bundle : bundles) {
            try {
                String value = bundle.getString(key);
                return params.length == 0 ? value : new MessageFormat(value, locale).format(params);
            } catch (MissingResourceException e) {
                // next bundle
            }
        }
        return "!" + key + "!";
    }
}
