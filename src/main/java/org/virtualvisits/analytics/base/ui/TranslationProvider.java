package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * English and French texts, one resource bundle per feature (i18n/report, i18n/admin,
 * i18n/export, ...) so features keep their texts beside each other without sharing a file.
 * A key is looked up in each bundle in turn; a missing key shows as "!key!" and is logged.
 */
@Component
public class TranslationProvider implements I18NProvider {

    private static final Logger log = LoggerFactory.getLogger(TranslationProvider.class);
    static final List<String> BUNDLES = List.of("i18n/common", "i18n/report", "i18n/admin", "i18n/export",
            "i18n/teams", "i18n/sso",

            "i18n/subscriptions");
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Optional<String> value = find(key, locale);
        if (value.isEmpty()) {
            log.warn("Missing translation for '{}'", key);
            return "!" + key + "!";
        }
        return params.length == 0 ? value.get() : new MessageFormat(value.get(), effective(locale)).format(params);
    }

    /** The text of a key, if a bundle has it (no warning when not: for keys made from data). */
    public Optional<String> find(String key, Locale locale) {
        Locale effective = effective(locale);
        for (String bundleName : BUNDLES) {
            ResourceBundle bundle;
            try {
                bundle = ResourceBundle.getBundle(bundleName, effective,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            } catch (MissingResourceException e) {
                continue;
            }
            if (bundle.containsKey(key)) {
                return Optional.of(bundle.getString(key));
            }
        }
        return Optional.empty();
    }

    private static Locale effective(Locale locale) {
        return locale != null && Locale.FRENCH.getLanguage().equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH;
    }
}
