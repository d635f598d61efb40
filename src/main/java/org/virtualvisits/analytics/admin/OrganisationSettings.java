package org.virtualvisits.analytics.admin;

import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.security.sso.SsoProperties;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;

/**
 * The global admin's settings of their own organisation: licences (which report tabs and
 * series exist), data retention and the lobby-wait threshold. Each change is audited.
 */
@Service
@Transactional
@PreAuthorize("hasRole('GLOBAL_ADMIN')")
public class OrganisationSettings {

    /** A GUID for Entra ID; other providers' ids in the same characters. */
    static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    public static final int MIN_RETENTION_DAYS = 7;
    public static final int MAX_RETENTION_DAYS = 3650;
    public static final int MIN_THRESHOLD_MINUTES = 1;
    public static final int MAX_THRESHOLD_MINUTES = 240;

    /** The settings as the form edits them (the threshold in whole minutes). */
    public record Settings(boolean bookingsLicence, boolean ehrLicence, int retentionDays,
            int lobbyWaitThresholdMinutes) {

        static Settings of(Organisation organisation) {
            return new Settings(organisation.bookingsLicence(), organisation.ehrLicence(),
                    organisation.retentionDays(), minutes(organisation.lobbyWaitThresholdSeconds()));
        }
    }

    private final Organisations organisations;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final SsoProperties sso;

    OrganisationSettings(Organisations organisations, CurrentUser currentUser, ApplicationEventPublisher events,
            SsoProperties sso) {
        this.organisations = organisations;
        this.currentUser = currentUser;
        this.events = events;
        this.sso = sso;
    }

    @Transactional(readOnly = true)
    public Organisation organisation() {
        return organisations.findById(admin().organisationId()).orElseThrow(AdminException::notFound);
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        return Settings.of(organisation());
    }

    public void update(Settings settings) {
        AppUserPrincipal admin = admin();
        if (settings.retentionDays() < MIN_RETENTION_DAYS || settings.retentionDays() > MAX_RETENTION_DAYS) {
            throw new AdminException("admin.error.retention", MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
        }
        if (settings.lobbyWaitThresholdMinutes() < MIN_THRESHOLD_MINUTES
                || settings.lobbyWaitThresholdMinutes() > MAX_THRESHOLD_MINUTES) {
            throw new AdminException("admin.error.threshold", MIN_THRESHOLD_MINUTES, MAX_THRESHOLD_MINUTES);
        }
        Organisation before = organisations.lockById(admin.organisationId()).orElseThrow(AdminException::notFound);
        Settings old = Settings.of(before);
        // Keep a threshold of odd seconds (set through the database) unless its minutes changed.
        int thresholdSeconds = settings.lobbyWaitThresholdMinutes() == old.lobbyWaitThresholdMinutes()
                ? before.lobbyWaitThresholdSeconds() : settings.lobbyWaitThresholdMinutes() * 60;
        organisations.updateSettings(before.id(), settings.bookingsLicence(), settings.ehrLicence(),
                settings.retentionDays(), thresholdSeconds);
        if (old.bookingsLicence() != settings.bookingsLicence()) {
            audit(admin, "settings.licence", "Bookings licence " + onOff(settings.bookingsLicence()));
        }
        if (old.ehrLicence() != settings.ehrLicence()) {
            audit(admin, "settings.licence", "EHR licence " + onOff(settings.ehrLicence()));
        }
        if (old.retentionDays() != settings.retentionDays()) {
            audit(admin, "settings.retention",
                    "Data retention " + old.retentionDays() + " → " + settings.retentionDays() + " days");
        }
        if (old.lobbyWaitThresholdMinutes() != settings.lobbyWaitThresholdMinutes()) {
            audit(admin, "settings.lobbyWaitThreshold", "Lobby-wait threshold "
                    + old.lobbyWaitThresholdMinutes() + " → " + settings.lobbyWaitThresholdMinutes() + " min");
        }
    }

    /** The organisation's Entra tenant id (directory sign-in, decision 0021); empty when not set. */
    @Transactional(readOnly = true)
    public String entraTenantId() {
        return organisations.entraTenantId(admin().organisationId()).orElse("");
    }

    /**
     * Sets the tenant whose people may sign in to this organisation through the directory (a GUID for
     * Entra ID; any short id for other providers); blank clears it. No two organisations share one.
     */
    public void updateEntraTenantId(String tenantId) {
        AppUserPrincipal admin = admin();
        String value = tenantId == null ? "" : tenantId.trim();
        if (!value.isEmpty() && !TENANT_ID.matcher(value).matches()) {
            throw new AdminException("admin.error.tenant.invalid");
        }
        String before = organisations.entraTenantId(admin.organisationId()).orElse("");
        if (before.equals(value)) {
            return;
        }
        // The tenant configured for the default organisation (app.sso.tenant-id) is its own, whatever the rows say.
        boolean configuredForDefault = sso.tenantId() != null && sso.tenantId().equalsIgnoreCase(value)
                && organisations.findBySlug(DefaultOrganisation.SLUG).map(Organisation::id)
                        .filter(id -> id != admin.organisationId()).isPresent();
        if (configuredForDefault
                || !organisations.setEntraTenantId(admin.organisationId(), value.isEmpty() ? null : value)) {
            throw new AdminException("admin.error.tenant.taken");
        }
        audit(admin, "settings.entraTenant", "Entra tenant id " + (before.isEmpty() ? "(none)" : before) + " → "
                + (value.isEmpty() ? "(none)" : value));
    }

    static int minutes(int seconds) {
        return Math.max(MIN_THRESHOLD_MINUTES, Math.round(seconds / 60f));
    }

    private static String onOff(boolean on) {
        return on ? "switched on" : "switched off";
    }

    private AppUserPrincipal admin() {
        return currentUser.require();
    }

    private void audit(AppUserPrincipal admin, String action, String detail) {
        events.publishEvent(new AuditEvent(admin.organisationId(), admin.username(), action, detail));
    }
}
