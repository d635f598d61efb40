package org.virtualvisits.analytics.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Unexpected errors in a view: logged in full, shown to the user as a short notification (a database
 * outage as "temporarily unavailable", not as an error of theirs).
 */
@Component
class ErrorNotifications implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorNotifications.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            boolean databaseDown = DatabaseUnavailable.causedBy(error.getThrowable());
            if (databaseDown) {
                log.warn("Database unavailable in the UI: {}", error.getThrowable().toString());
            } else {
                log.error("Unexpected error in the UI", error.getThrowable());
            }
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> {
                    Notification notification = Notification.show(
                            ui.getTranslation(databaseDown ? "error.databaseUnavailable" : "error.unexpected"), 6000,
                            Notification.Position.TOP_CENTER);
                    notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
                });
            }
        }));
    }
}
