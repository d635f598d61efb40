package org.virtualvisits.analytics.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every text exists in English and in French, so no user sees a "!key!" in either language. */
class TranslationBundlesTest {

    @Test
    void everyBundleHasTheSameKeysInBothLanguages() throws Exception {
        for (String bundle : TranslationProvider.BUNDLES) {
            Properties english = load(bundle + ".properties");
            Properties french = load(bundle + "_fr.properties");
            assertThat(english).as(bundle + " (English)").isNotNull();
            assertThat(french).as(bundle + " (French)").isNotNull();
            assertThat(english.stringPropertyNames()).as(bundle + " has texts").isNotEmpty();
            assertThat(french.stringPropertyNames()).as(bundle)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                assertThat(english.getProperty(key)).as(bundle + " " + key + " (English)").isNotBlank();
                assertThat(french.getProperty(key)).as(bundle + " " + key + " (French)").isNotBlank();
            }
        }
    }

    @Test
    void frenchIsUsedForFrenchBrowsersAndEnglishOtherwise() {
        TranslationProvider provider = new TranslationProvider();
        assertThat(provider.getTranslation("report.run", Locale.FRANCE)).isEqualTo("Exécuter le rapport");
        assertThat(provider.getTranslation("report.run", Locale.GERMAN)).isEqualTo("Run report");
        assertThat(provider.getTranslation("kpi.vsPrevious", Locale.ENGLISH, 30)).isEqualTo("vs previous 30 days");
        assertThat(provider.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key!");
    }

    private static Properties load(String resource) throws Exception {
        try (InputStream in = TranslationBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return properties;
        }
    }
}
