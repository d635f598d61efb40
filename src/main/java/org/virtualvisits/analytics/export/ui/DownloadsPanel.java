package org.virtualvisits.analytics.export.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.OutputStream;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.virtualvisits.analytics.export.ExportFile;
import org.virtualvisits.analytics.export.ExportJob;
import org.virtualvisits.analytics.export.ExportService;
import org.virtualvisits.analytics.export.ExportStatus;
import org.virtualvisits.analytics.export.ExportUpdate;
import org.virtualvisits.analytics.export.ExportViewer;

/**
 * The Downloads tab: the user's exports (a global admin's: the organisation's) with their
 * status, a live progress bar while they run (server push: updates of jobs running on this
 * instance as they happen, and a re-read every few seconds while any is unfinished, which also
 * covers jobs running on another instance), rows and size, a Download link once ready, and
 * delete. The download re-checks access when it is requested.
 */
public class DownloadsPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final transient ExportService exports;
    /** The report's display time zone: created and expiry times are shown in it. */
    private final ZoneId zone;
    private final ExportViewer viewer;
    private final Grid<ExportJob> grid = new Grid<>();
    private final Span empty = new Span();
    /** Live parts of running rows, by job id, updated in place between re-reads. */
    private final Map<Long, RunningRow> running = new ConcurrentHashMap<>();
    private volatile Map<Long, ExportStatus> shown = Map.of();
    private Runnable unsubscribe;

    public DownloadsPanel(ExportService exports) {
        this(exports, ZoneOffset.UTC);
    }

    public DownloadsPanel(ExportService exports, ZoneId zone) {
        this.exports = exports;
        this.zone = zone;
        this.viewer = exports.viewer();
        setId("downloads-panel");
        setPadding(false);
        setWidthFull();

        Span expiry = new Span(getTranslation("downloads.expiry", exports.expireAfter().toDays()));
        expiry.addClassName("vva-muted");
        Button refresh = new Button(getTranslation("downloads.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.setId("downloads-refresh");
        HorizontalLayout top = new HorizontalLayout(expiry, refresh);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.expand(expiry);

        empty.setText(getTranslation("downloads.empty"));
        empty.setId("downloads-empty");
        configureGrid();
        add(top, empty, grid);
        refresh();
    }

    private String description(ExportJob job) {
        return getTranslation("downloads.report", job.title(), job.from(), job.to(), ExportJob.zoneName(job.zone()));
    }

    private void configureGrid() {
        // Cells wrap rather than cut: the report's description is the longest text and must be read whole.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(job -> time(job.createdAt())).setKey("created")
                .setHeader(getTranslation("downloads.col.created")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::description).setKey("report").setTooltipGenerator(this::description)
                .setHeader(getTranslation("downloads.col.report")).setWidth("16em").setFlexGrow(1);
        grid.addColumn(job -> job.format().name()).setHeader(getTranslation("downloads.col.format"))
                .setAutoWidth(true).setFlexGrow(0);
        if (viewer.wholeOrganisation()) {
            grid.addColumn(ExportJob::username).setHeader(getTranslation("downloads.col.owner")).setAutoWidth(true);
        }
        grid.addColumn(new ComponentRenderer<>(this::status)).setHeader(getTranslation("downloads.col.status"))
                .setKey("status").setWidth("8em").setFlexGrow(0);
        grid.addColumn(job -> job.status() == ExportStatus.READY ? number(job.rowsWritten()) : "")
                .setHeader(getTranslation("downloads.col.rows")).setTextAlign(ColumnTextAlign.END)
                .setWidth("6em").setFlexGrow(0);
        grid.addColumn(job -> job.sizeBytes() == null ? "" : size(job.sizeBytes()))
                .setHeader(getTranslation("downloads.col.size")).setTextAlign(ColumnTextAlign.END)
                .setWidth("6.5em").setFlexGrow(0);
        grid.addColumn(job -> time(job.expiresAt())).setKey("expires")
                .setHeader(getTranslation("downloads.col.expires")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(this::actions)).setKey("actions").setWidth("13em").setFlexGrow(0);
    }

    /** "2026-11-26 23:40 Europe/Paris": the moment in the report's display zone, which is named. */
    private String time(Instant moment) {
        return TIME.format(moment.atZone(zone)) + " " + ExportJob.zoneName(zone);
    }

    /** Re-reads the jobs from the database. */
    public void refresh() {
        List<ExportJob> jobs = exports.jobs();
        running.clear();
        shown = jobs.stream().collect(Collectors.toUnmodifiableMap(ExportJob::id, ExportJob::status));
        grid.setItems(jobs);
        grid.setVisible(!jobs.isEmpty());
        empty.setVisible(jobs.isEmpty());
    }

    /** The jobs on screen, for tests. */
    List<ExportJob> shownJobs() {
        return grid.getGenericDataView().getItems().toList();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        unsubscribe = exports.subscribe(update -> onUpdate(ui, update));
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopListening();
        super.onDetach(detachEvent);
    }

    /** Called from any thread: decides cheaply whether the tab is concerned, then pushes the change. */
    private void onUpdate(UI ui, ExportUpdate update) {
        Map<Long, ExportStatus> current = shown;
        boolean unfinishedShown = current.values().stream().anyMatch(status -> !status.finished());
        if (update.isTick()) {
            if (!unfinishedShown) {
                return;
            }
        } else if (!viewer.sees(update.organisationId(), update.userId())) {
            return;
        }
        try {
            ui.access(() -> apply(update));
        } catch (UIDetachedException e) {
            throw new IllegalStateException("Downloads tab closed", e);
        }
    }

    private void apply(ExportUpdate update) {
        ExportStatus before = update.isTick() ? null : shown.get(update.jobId());
        RunningRow row = running.get(update.jobId());
        if (!update.isTick() && before == update.status() && row != null) {
            row.show(update.rowsWritten(), update.rowsTotal());
            return;
        }
        try {
            refresh();
        } catch (AuthenticationException | AccessDeniedException e) {
            // The tab outlived its user's sign-in (signed out, session ending): stop listening.
            stopListening();
        }
    }

    private void stopListening() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    private Component status(ExportJob job) {
        Span label = new Span(getTranslation("export.status." + job.status().name()));
        label.setId("status-" + job.id());
        label.getElement().getThemeList().add(switch (job.status()) {
            case QUEUED -> "badge contrast";
            case RUNNING -> "badge";
            case READY -> "badge success";
            case FAILED -> "badge error";
        });
        VerticalLayout cell = new VerticalLayout(label);
        cell.setPadding(false);
        cell.setSpacing(false);
        if (!job.status().finished()) {
            ProgressBar bar = new ProgressBar();
            bar.setId("progress-" + job.id());
            Span rows = new Span();
            rows.addClassName("vva-muted");
            cell.add(bar, rows);
            RunningRow row = new RunningRow(bar, rows);
            row.show(job.rowsWritten(), job.status() == ExportStatus.QUEUED ? null : job.rowsTotal());
            running.put(job.id(), row);
        } else if (job.status() == ExportStatus.FAILED && job.error() != null) {
            Span reason = new Span(job.error().startsWith("export.error.") ? getTranslation(job.error()) : job.error());
            reason.addClassName("vva-muted");
            cell.add(reason);
        }
        return cell;
    }

    private Component actions(ExportJob job) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(true);
        if (job.status() == ExportStatus.READY) {
            Button button = new Button(getTranslation("downloads.download"), VaadinIcon.DOWNLOAD_ALT.create());
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            Anchor link = new Anchor(download(exports, job.id()), AttachmentType.DOWNLOAD, "");
            link.add(button);
            link.setId("download-" + job.id());
            actions.add(link);
        }
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> {
            exports.delete(job.id());
            Notification.show(getTranslation("downloads.deleted"), 3000, Notification.Position.BOTTOM_START);
            refresh();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        delete.setAriaLabel(getTranslation("downloads.delete"));
        delete.setTooltipText(getTranslation("downloads.delete"));
        delete.setId("delete-" + job.id());
        actions.add(delete);
        return actions;
    }

    /**
     * Streams the stored file. Access is checked again here, for the user of this request:
     * a link that outlived the user's right to the export (deleted, expired, or not theirs)
     * answers 403 and sends nothing.
     */
    static DownloadHandler download(ExportService exports, long jobId) {
        return event -> {
            ExportFile file;
            try {
                file = exports.file(jobId);
            } catch (AccessDeniedException e) {
                event.getResponse().setStatus(403);
                return;
            }
            event.setFileName(file.fileName());
            event.setContentType(file.contentType());
            event.setContentLength(file.sizeBytes());
            try (OutputStream out = event.getOutputStream()) {
                file.writeTo(out);
            }
        };
    }

    private String number(long value) {
        return NumberFormat.getIntegerInstance(getLocale()).format(value);
    }

    private String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(getLocale(), "%.1f KB", bytes / 1024.0);
        }
        return String.format(getLocale(), "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** The progress bar and the "rows of total" text of one running job. */
    private final class RunningRow {
        private final ProgressBar bar;
        private final Span rows;

        RunningRow(ProgressBar bar, Span rows) {
            this.bar = bar;
            this.rows = rows;
        }

        void show(long written, Long total) {
            if (total == null) {
                bar.setIndeterminate(true);
                rows.setText("");
                return;
            }
            bar.setIndeterminate(false);
            bar.setValue(total == 0 ? 1 : Math.min(1, (double) written / total));
            rows.setText(total > 0 && written >= total ? getTranslation("downloads.finishing")
                    : getTranslation("downloads.rowsOf", number(written), number(total)));
        }
    }

    /** Ids of the jobs shown with the given status, for tests. */
    Set<Long> shownWith(ExportStatus status) {
        return shown.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
