package org.virtualvisits.analytics.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.Role;

/** The admin texts exist in English and French, for every key the code uses, apostrophes right. */
class AdminTranslationsTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\d+}");
    private static final Pattern SINGLE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
    /** A string literal that is a key (prefixes given to startsWith(...) are not keys). */
    private static final Pattern KEY_IN_CODE =
            Pattern.compile("(?<!startsWith\\()\"((?:admin\\.|nav\\.admin|login\\.error\\.generic)[A-Za-z0-9.]*)\"");

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AdminTranslationsTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void englishAndFrenchHaveTheSameKeys() throws IOException {
        assertThat(load("admin_fr").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("admin").stringPropertyNames());
    }

    @Test
    void apostrophesAreDoubledExactlyWhereMessageFormatReadsThem() throws IOException {
        for (String bundle : new String[] {"admin", "admin_fr"}) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                if (PARAMETER.matcher(text).find()) {
                    assertThat(SINGLE_APOSTROPHE.matcher(text).find()).as(bundle + ": " + key + " needs ''").isFalse();
                } else {
                    assertThat(text).as(bundle + ": " + key + " has no parameter, so no ''").doesNotContain("''");
                }
            }
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String folder : new String[] {"admin", "security", "base/ui"}) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/virtualvisits/analytics", folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = KEY_IN_CODE.matcher(Files.readString(file));
                    while (matcher.find()) {
                        if (!matcher.group(1).endsWith(".")) {
                            used.add(matcher.group(1));
                        }
                    }
                }
            }
        }
        for (Role role : Role.values()) {
            used.add("role." + role.name());
        }
        for (ApiScope scope : ApiScope.values()) {
            used.add("admin.tokens.scope." + scope.value());
        }
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(load("admin").stringPropertyNames()).containsAll(used);
    }
}
