package org.virtualvisits.analytics.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.KaribuTest;

/** An unexpected error in a view reaches the user as a short, translated notification, no stack trace. */
class ErrorNotificationsTest extends KaribuTest {

    @Test
    void anUnexpectedErrorShowsAFriendlyNotification() {
        login("viewer");
        VaadinSession.getCurrent().getErrorHandler()
                .error(new ErrorEvent(new IllegalStateException("SQL state 42P01 at VisitQueries.java:123")));
        MockVaadin.clientRoundtrip();
        // The notification's text is exactly the translated message: no exception text in it.
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications(
                VaadinSession.getCurrent().getService().getInstantiator().getI18NProvider()
                        .getTranslation("error.unexpected", VaadinSession.getCurrent().getLocale()));
    }
}
