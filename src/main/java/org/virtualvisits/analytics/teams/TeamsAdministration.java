package org.virtualvisits.analytics.teams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;

/**
 * The global admin's Microsoft Teams connection of their organisation: the settings (the client
 * secret is write-only: it is stored encrypted and never returned), a connection test, "Sync now"
 * and the last runs. Changes are audited, without the secret.
 */
@Service
@PreAuthorize("hasRole('GLOBAL_ADMIN')")
public class TeamsAdministration {

    public static final int MIN_INTERVAL_MINUTES = 1;
    public static final int MAX_INTERVAL_MINUTES = 24 * 60;
    static final int MAX_BUSINESSES = 100;
    /** A tenant is a GUID or a domain name; a client id is a GUID. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /**
     * The page's form.
     *
     * @param secretStored       whether a secret is saved (the secret itself is never shown)
     * @param fromConfiguration  the credentials come from app.teams.* and cannot be changed here
     */
    public record Form(String tenantId, String clientId, boolean secretStored, List<String> businessIds,
                       int syncIntervalMinutes, boolean fromConfiguration) {
    }

    /**
     * The outcome of a connection test: a key of i18n/teams and its one parameter (business names, or
     * what went wrong in Graph's or our words).
     */
    public record TestResult(boolean ok, String key, String detail) {
    }

    private final TeamsSettings settings;
    private final TeamsConnections connections;
    private final TeamsSyncRuns runs;
    private final TeamsScheduling scheduling;
    private final GraphClients clients;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    TeamsAdministration(TeamsSettings settings, TeamsConnections connections, TeamsSyncRuns runs,
                        TeamsScheduling scheduling, GraphClients clients, CurrentUser currentUser,
                        ApplicationEventPublisher events) {
        this.settings = settings;
        this.connections = connections;
        this.runs = runs;
        this.scheduling = scheduling;
        this.clients = clients;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Form form() {
        long organisationId = admin().organisationId();
        boolean configured = settings.fromConfiguration(organisationId);
        TeamsProperties properties = settings.properties();
        return connections.find(organisationId)
                .map(c -> new Form(configured ? properties.tenantId() : c.tenantId(),
                        configured ? properties.clientId() : c.clientId(), configured || c.secretCipher() != null,
                        c.businessIds(), (int) c.syncInterval().toMinutes(), configured))
                .orElseGet(() -> new Form(configured ? properties.tenantId() : "",
                        configured ? properties.clientId() : "", configured, List.of(),
                        (int) properties.syncInterval().toMinutes(), configured));
    }

    /** Whether a secret can be saved here (app.teams.secret-key is set). */
    public boolean canStoreSecrets() {
        return settings.cipher().isPresent();
    }

    /**
     * Saves the connection and makes sure it syncs.
     *
     * @param newSecret the secret typed in, or blank to keep the saved one
     */
    @Transactional
    public void save(Form form, String newSecret) {
        AppUserPrincipal admin = admin();
        long organisationId = admin.organisationId();
        boolean configured = settings.fromConfiguration(organisationId);
        TeamsConnections.Stored before = connections.find(organisationId).orElse(null);
        String tenant = configured ? null : checkedTenant(form.tenantId());
        String client = configured ? null : checkedClient(form.clientId());
        List<String> businesses = checkedBusinesses(form.businessIds());
        int minutes = form.syncIntervalMinutes();
        if (minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
            throw new TeamsException("teams.error.interval", MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
        }
        String cipher = null;
        if (!configured && newSecret != null && !newSecret.isBlank()) {
            cipher = settings.cipher().orElseThrow(() -> new TeamsException("teams.error.noKey"))
                    .encrypt(newSecret.strip());
        } else if (!configured && (before == null || before.secretCipher() == null)) {
            throw new TeamsException("teams.error.secret");
        }
        connections.save(organisationId, tenant, client, cipher, businesses, Duration.ofMinutes(minutes));
        scheduling.ensureScheduledNow(organisationId);
        events.publishEvent(new AuditEvent(organisationId, admin.username(), "teams.settings",
                describe(before, tenant, client, cipher != null, businesses, minutes)));
    }

    /** Token plus one list call with the form's values (a blank secret: the saved one). */
    public TestResult test(Form form, String typedSecret) {
        long organisationId = admin().organisationId();
        GraphConnection connection;
        try {
            if (settings.fromConfiguration(organisationId)) {
                connection = settings.connection(organisationId).orElseThrow();
            } else {
                String secret = typedSecret != null && !typedSecret.isBlank() ? typedSecret.strip()
                        : settings.connection(organisationId).map(GraphConnection::clientSecret)
                                .orElseThrow(() -> new TeamsException("teams.error.secret"));
                connection = settings.connection(checkedTenant(form.tenantId()), checkedClient(form.clientId()), secret);
            }
        } catch (IllegalStateException unreadable) {
            return new TestResult(false, "teams.test.failed", unreadable.getMessage());
        }
        try {
            List<GraphModel.BookingBusiness> businesses = clients.open(connection).firstBusinesses();
            String names = businesses.stream().limit(5).map(b -> b.displayName() + " (" + b.id() + ")")
                    .collect(Collectors.joining(", "));
            return businesses.isEmpty() ? new TestResult(true, "teams.test.noBusiness", "")
                    : new TestResult(true, "teams.test.ok", names + (businesses.size() > 5 ? ", …" : ""));
        } catch (GraphException e) {
            return new TestResult(false, "teams.test.failed", e.getMessage());
        }
    }

    /** Asks for a sync of the admin's organisation now: true if asked, false if one is running. */
    @Transactional
    public boolean syncNow() {
        AppUserPrincipal admin = admin();
        try {
            if (settings.connection(admin.organisationId()).isEmpty()) {
                throw new TeamsException("teams.error.notConfigured");
            }
        } catch (IllegalStateException unreadable) {
            // The saved secret cannot be decrypted (app.teams.secret-key missing or changed): said, not a crash.
            throw new TeamsException("teams.error.secretUnreadable");
        }
        TeamsScheduling.Started started = scheduling.syncNow(admin.organisationId());
        if (started == TeamsScheduling.Started.STARTED) {
            events.publishEvent(new AuditEvent(admin.organisationId(), admin.username(), "teams.syncNow",
                    "Teams sync requested"));
        }
        return started == TeamsScheduling.Started.STARTED;
    }

    @Transactional(readOnly = true)
    public List<TeamsSyncRuns.Run> lastRuns(int limit) {
        return runs.latest(admin().organisationId(), Math.max(1, Math.min(limit, 100)));
    }

    static String checkedTenant(String tenant) {
        String value = tenant == null ? "" : tenant.strip();
        if (!TENANT.matcher(value).matches()) {
            throw new TeamsException("teams.error.tenant");
        }
        return value;
    }

    static String checkedClient(String client) {
        String value = client == null ? "" : client.strip();
        if (!GUID.matcher(value).matches()) {
            throw new TeamsException("teams.error.client");
        }
        return value;
    }

    static List<String> checkedBusinesses(List<String> ids) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            String value = id == null ? "" : id.strip();
            if (value.isEmpty()) {
                continue;
            }
            if (value.length() > 200 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new TeamsException("teams.error.business", value.length() > 40 ? value.substring(0, 40) + "…" : value);
            }
            clean.add(value);
        }
        if (clean.size() > MAX_BUSINESSES) {
            throw new TeamsException("teams.error.businesses", MAX_BUSINESSES);
        }
        return new ArrayList<>(clean);
    }

    private static String describe(TeamsConnections.Stored before, String tenant, String client, boolean secretChanged,
                                   List<String> businesses, int minutes) {
        List<String> changes = new ArrayList<>();
        if (before == null) {
            changes.add("connection created");
        }
        if (tenant != null && (before == null || !Objects.equals(before.tenantId(), tenant))) {
            changes.add("tenant " + tenant);
        }
        if (client != null && (before == null || !Objects.equals(before.clientId(), client))) {
            changes.add("client " + client);
        }
        if (secretChanged) {
            changes.add("client secret replaced");
        }
        if (before == null || !before.businessIds().equals(businesses)) {
            changes.add("businesses " + (businesses.isEmpty() ? "all" : String.join(", ", businesses)));
        }
        if (before == null || before.syncInterval().toMinutes() != minutes) {
            changes.add("sync every " + minutes + " min");
        }
        return "Teams connection: " + (changes.isEmpty() ? "saved unchanged" : String.join("; ", changes));
    }

    private AppUserPrincipal admin() {
        return currentUser.require();
    }
}
