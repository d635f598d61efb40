package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.virtualvisits.analytics.Application;
import org.virtualvisits.analytics.RestoreSecurityContextHolderStrategy;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.DemoProperties;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;

/**
 * The start-up settings of the README, on the application as a user starts it: a real server on the
 * configured port and an embedded database kept in a folder across restarts.
 */
@ExtendWith(RestoreSecurityContextHolderStrategy.class)
class StartupConfigurationTest {

    private static final String TOKEN = "a-bootstrap-token-of-at-least-32-characters";
    private static final String ADMIN_PASSWORD = "a long first password";

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void withoutDemoDataTheBootstrapCreatesTheOrganisationAdminAndTokenOnceAcrossRestarts() throws Exception {
        int port = freePort();
        String[] settings = {"--server.port=" + port, "--app.demo.enabled=false",
            "--app.bootstrap.admin.username=boss", "--app.bootstrap.admin.password=" + ADMIN_PASSWORD,
            "--app.bootstrap.organisation-name=St Mary's", "--app.bootstrap.token=" + TOKEN};
        try (ConfigurableApplicationContext app = start(settings)) {
            assertThat(get(port, "/actuator/health", null).statusCode()).as("server.port").isEqualTo(200);
            var organisation = app.getBean(Organisations.class).findBySlug(DefaultOrganisation.SLUG).orElseThrow();
            assertThat(organisation.name()).isEqualTo("St Mary's");
            AppUserPrincipal boss = app.getBean(UserAccounts.class).findByUsername("boss").orElseThrow();
            assertThat(boss.role()).isEqualTo(Role.GLOBAL_ADMIN);
            assertThat(boss.organisationId()).isEqualTo(organisation.id());
            assertThat(app.getBean(PasswordEncoder.class).matches(ADMIN_PASSWORD, boss.getPassword())).isTrue();
            assertThat(app.getBean(UserAccounts.class).findByUsername("viewer")).as("no demo users").isEmpty();
            assertThat(count(app, "select count(*) from visit")).as("no demo visits").isZero();

            // The bootstrap token holds every scope.
            HttpResponse<String> stored = post(port, "/api/v1/events", """
                    {"events":[{"eventId":"e1","meetingId":"m1","meetingType":"BOOKINGS","type":"JOINED",
                     "occurredAt":"2026-11-20T10:00:00Z","participantId":"s1","role":"STAFF"}]}""");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
            assertThat(get(port, "/api/v1/visits?from=2026-11-20&to=2026-11-20", TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(port, "/api/v1/daily?from=2026-11-20&to=2026-11-20", TOKEN).statusCode()).isEqualTo(200);

            // A body without Content-Length (chunked) is cut at 10 MB as well (a little over: the server
            // reads the rest away and the client gets the answer).
            HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/events"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Padding(10L * 1024 * 1024 + 64 * 1024)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tooLarge.statusCode()).isEqualTo(413);

            // A body announced as 100 kB that stops after 20 bytes is cut: 408 after about 10 s, not 60.
            long started = System.nanoTime();
            String slow = slowBody(port);
            assertThat(slow).matches("(?s)HTTP/1.1 40[08] .*").contains("application/problem+json")
                    .contains("did not arrive in time");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        }
        try (ConfigurableApplicationContext app = start(settings)) {
            assertThat(get(port, "/api/v1/daily?from=2026-11-20&to=2026-11-20", TOKEN).statusCode()).isEqualTo(200);
            assertThat(count(app, "select count(*) from api_token")).as("one bootstrap token").isEqualTo(1);
            assertThat(count(app, "select count(*) from app_user")).as("one admin").isEqualTo(1);
            assertThat(count(app, "select count(*) from organisation")).isEqualTo(1);
        }
    }

    @Test
    void withTheEmbeddedDatabaseDemoDataIsOnByDefaultAndSeededOnce() throws Exception {
        String[] settings = {"--server.port=" + freePort(), "--app.demo.visits-per-day=3", "--app.demo.days=5"};
        long visits;
        try (ConfigurableApplicationContext app = start(settings)) {
            assertThat(app.getBean(UserAccounts.class).findByUsername("viewer")).isPresent();
            assertThat(app.getBean(UserAccounts.class).findByUsername("admin")).isPresent();
            visits = count(app, "select count(*) from visit");
            assertThat(visits).isPositive();
        }
        try (ConfigurableApplicationContext app = start(settings)) {
            assertThat(count(app, "select count(*) from visit")).as("seeded once").isEqualTo(visits);
            assertThat(count(app, "select count(*) from app_user where username = 'viewer'")).isEqualTo(1);
        }
    }

    @Test
    void demoDataFollowsTheDatabaseUnlessSetExplicitly() {
        assertThat(demoEnabled(null, new MockEnvironment())).as("embedded database").isTrue();
        MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x");
        assertThat(demoEnabled(null, external)).as("a database of one's own").isFalse();
        assertThat(demoEnabled(true, external)).isTrue();
        assertThat(demoEnabled(false, new MockEnvironment())).isFalse();
    }

    private static boolean demoEnabled(Boolean setting, MockEnvironment environment) {
        return new StartupBootstrap(null, null, null, null, new DemoProperties(setting, null, null, null),
                environment, null, null, List.of(), null).demoEnabled();
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of(settings));
        arguments.add("--app.embedded-db.directory=" + folder.resolve("db"));
        arguments.add("--app.embedded-db.shared-buffers=32MB");
        arguments.add("--logging.level.root=WARN");
        return new SpringApplicationBuilder(Application.class).run(arguments.toArray(String[]::new));
    }

    private static long count(ConfigurableApplicationContext app, String sql) {
        return app.getBean(JdbcClient.class).sql(sql).query(Long.class).single();
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the head of a POST and 20 bytes of its 100 kB body, then waits; returns what the server answers. */
    private static String slowBody(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"events\":[{\"eventI").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; !answer.toString(StandardCharsets.US_ASCII).endsWith("}")
                    && (n = socket.getInputStream().read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code {"events":[]} } followed by spaces, {@code size} bytes in all, of unknown length to the sender. */
    private static final class Padding extends InputStream {
        private static final byte[] START = "{\"events\":[]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        Padding(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return position < START.length ? START[(int) position++] : pad();
        }

        private int pad() {
            position++;
            return ' ';
        }
    }
}
