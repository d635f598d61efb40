package org.virtualvisits.analytics.export.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualvisits.analytics.export.ExportFormat;
import org.virtualvisits.analytics.export.ExportJob;
import org.virtualvisits.analytics.export.ExportLimitException;
import org.virtualvisits.analytics.export.ExportRequest;
import org.virtualvisits.analytics.export.ExportService;

/**
 * "Export to Excel" for a report tab: a split button whose main part starts an xlsx export and
 * whose arrow offers xlsx or CSV. What is exported comes from the supplier at the moment of
 * the click (the tab's range, filters, zone, columns and sort); the format chosen here
 * replaces the request's.
 */
public class ExportButton extends Composite<MenuBar> {

    private static final Logger log = LoggerFactory.getLogger(ExportButton.class);

    private final transient ExportService exports;
    private final Supplier<ExportRequest> request;
    private final List<Consumer<ExportJob>> startedListeners = new CopyOnWriteArrayList<>();
    private final Runnable openDownloads;

    public ExportButton(ExportService exports, Supplier<ExportRequest> request) {
        this(exports, request, null);
    }

    /** With {@code openDownloads}, the "queued" notification offers a link to the Downloads tab. */
    public ExportButton(ExportService exports, Supplier<ExportRequest> request, Runnable openDownloads) {
        this.exports = exports;
        this.request = request;
        this.openDownloads = openDownloads;
        MenuBar menu = getContent();
        // No LUMO_DROPDOWN_INDICATORS: the format item has its own chevron (both showed two).
        menu.setId("export-button");

        HorizontalLayout label = new HorizontalLayout(VaadinIcon.DOWNLOAD_ALT.create(),
                new Span(getTranslation("export.button")));
        label.setSpacing(true);
        label.setPadding(false);
        MenuItem main = menu.addItem(label, e -> start(ExportFormat.XLSX));
        main.setId("export-start");

        MenuItem more = menu.addItem(VaadinIcon.ANGLE_DOWN.create());
        more.setId("export-more");
        more.setAriaLabel(getTranslation("export.choose"));
        SubMenu formats = more.getSubMenu();
        formats.addItem(getTranslation("export.format.xlsx"), e -> start(ExportFormat.XLSX)).setId("export-xlsx");
        formats.addItem(getTranslation("export.format.csv"), e -> start(ExportFormat.CSV)).setId("export-csv");
    }

    /** Called with each export this button starts (e.g. to switch to the Downloads tab). */
    public Registration addStartedListener(Consumer<ExportJob> listener) {
        startedListeners.add(listener);
        return () -> startedListeners.remove(listener);
    }

    void start(ExportFormat format) {
        ExportJob job;
        try {
            job = exports.start(request.get().withFormat(format), getLocale());
        } catch (ExportLimitException e) {
            show(getTranslation("export.limit", e.limit()), NotificationVariant.LUMO_WARNING);
            return;
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("Export not started: {}", e.getMessage());
            show(getTranslation("export.notStarted"), NotificationVariant.LUMO_ERROR);
            return;
        }
        if (openDownloads == null) {
            show(getTranslation("export.started", job.fileName()), NotificationVariant.LUMO_SUCCESS);
        } else {
            // The user stays on the tab (its format menu one click away); the notification leads on.
            Notification notification = new Notification();
            notification.setDuration(8000);
            notification.setPosition(Notification.Position.BOTTOM_START);
            notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            Button open = new Button(getTranslation("export.openDownloads"), e -> {
                notification.close();
                openDownloads.run();
            });
            open.setId("export-open-downloads");
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            notification.add(new Span(getTranslation("export.queued", job.fileName())), open);
            notification.open();
        }
        startedListeners.forEach(listener -> listener.accept(job));
    }

    private static void show(String text, NotificationVariant variant) {
        Notification notification = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }
}
