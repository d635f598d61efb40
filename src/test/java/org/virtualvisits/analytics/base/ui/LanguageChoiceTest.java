package org.virtualvisits.analytics.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageChoiceTest {

    @Test
    void theCookieNamesALanguageTheApplicationSpeaks() {
        assertThat(LanguageChoice.chosen(new Cookie[] {new Cookie("JSESSIONID", "x"),
                new Cookie(LanguageChoice.COOKIE, "fr")})).contains(Locale.FRENCH);
        assertThat(LanguageChoice.chosen(new Cookie[] {new Cookie(LanguageChoice.COOKIE, "en")}))
                .contains(Locale.ENGLISH);
        // Anything else is ignored: the browser's language applies.
        assertThat(LanguageChoice.chosen(new Cookie[] {new Cookie(LanguageChoice.COOKIE, "de")})).isEmpty();
        assertThat(LanguageChoice.chosen(new Cookie[] {new Cookie(LanguageChoice.COOKIE, "<script>")})).isEmpty();
        assertThat(LanguageChoice.chosen(new Cookie[] {new Cookie("other", "fr")})).isEmpty();
        assertThat(LanguageChoice.chosen(null)).isEmpty();
    }

    @Test
    void theCookieLastsAYearForTheWholeApplicationAndNoScript() {
        Cookie cookie = LanguageChoice.cookieFor(Locale.FRENCH, "", true);
        assertThat(cookie.getValue()).isEqualTo("fr");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getMaxAge()).isEqualTo(365 * 24 * 3600);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(LanguageChoice.cookieFor(Locale.ENGLISH, "/vva", false))
                .satisfies(c -> assertThat(c.getPath()).isEqualTo("/vva"))
                .satisfies(c -> assertThat(c.getSecure()).isFalse());
    }
}
