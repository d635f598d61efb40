package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The language a user picked in the user menu, remembered in a cookie of this browser for a year,
 * so the next session (the log-in page included) starts in it instead of the browser's language.
 * A cookie rather than the user's row: the choice belongs to the person at this browser, and the
 * log-in page knows no user yet.
 */
@Component
public class LanguageChoice implements VaadinServiceInitListener {

    static final String COOKIE = "vva-language";
    private static final int MAX_AGE_SECONDS = (int) Duration.ofDays(365).toSeconds();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> chosen(init.getRequest().getCookies())
                .ifPresent(init.getSession()::setLocale));
    }

    /** The remembered language, if the cookie names one the application speaks. */
    static Optional<Locale> chosen(Cookie[] cookies) {
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie -> COOKIE.equals(cookie.getName()))
                .map(Cookie::getValue)
                .flatMap(value -> TranslationProvider.LOCALES.stream().filter(l -> l.getLanguage().equals(value)))
                .findFirst();
    }

    /** The cookie that remembers {@code locale}; secure when the page came over HTTPS. */
    static Cookie cookieFor(Locale locale, String contextPath, boolean secure) {
        Cookie cookie = new Cookie(COOKIE, locale.getLanguage());
        cookie.setPath(contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
        cookie.setMaxAge(MAX_AGE_SECONDS);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    /** Remembers the language in the response to the current request (a menu click). */
    public static void remember(Locale locale) {
        VaadinRequest request = VaadinRequest.getCurrent();
        VaadinResponse response = VaadinResponse.getCurrent();
        if (request != null && response != null) {
            response.addCookie(cookieFor(locale, request.getContextPath(), request.isSecure()));
        }
    }
}
