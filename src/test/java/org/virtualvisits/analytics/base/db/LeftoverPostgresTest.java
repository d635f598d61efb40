package org.virtualvisits.analytics.base.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database must come back after the application was killed: a server left
 * running from the earlier run (or a stale postmaster.pid) must not stop the next start,
 * and committed data must still be there.
 */
class LeftoverPostgresTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aServerLeftRunningIsStoppedAndTheNextStartKeepsTheData() throws Exception {
        EmbeddedPostgres crashed = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection c = crashed.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table kept (value text)");
            s.execute("insert into kept values ('committed before the crash')");
        }
        long leftoverPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(leftoverPid)).get().matches(ProcessHandle::isAlive);

        LeftoverPostgres.stopIfRunning(dataDirectory.toAbsolutePath());

        assertThat(ProcessHandle.of(leftoverPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
        crashed.close(); // releases the library's file lock; its own stop attempt finds nothing to stop

        try (EmbeddedPostgres restarted = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
                Connection c = restarted.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select value from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the crash");
        }
    }

    @Test
    void aStalePidFileOfAProcessThatIsGoneIsRemoved() throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Files.writeString(pidFile, "999999999\n" + dataDirectory + "\n");

        LeftoverPostgres.stopIfRunning(dataDirectory);

        assertThat(pidFile).doesNotExist();
    }

    @Test
    void durableSettingsAreOnForKeptDataAndItsBuffersSized() throws Exception {
        EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(dataDirectory.toString(), false, 0,
                null);
        try (EmbeddedPostgresSupervisor postgres = new EmbeddedDatabaseConfig().embeddedPostgres(properties);
                Connection c = DriverManager.getConnection(postgres.jdbcUrl());
                Statement s = c.createStatement()) {
            assertThat(setting(s, "fsync")).isEqualTo("on");
            assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(s, "full_page_writes")).isEqualTo("on");
            assertThat(setting(s, "shared_buffers")).isEqualTo("512MB");
        }
    }

    @Test
    void aKilledServerIsStartedAgainOnTheSameFolderAndPortWithItsCommittedData() throws Exception {
        EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(dataDirectory.toString(), false, 0,
                "32MB");
        try (EmbeddedPostgresSupervisor postgres = new EmbeddedDatabaseConfig().embeddedPostgres(properties)) {
            int port = postgres.port();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('committed before the crash')");
            }
            long killed = postgres.postmasterPid();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly(); // SIGKILL, as kill -9

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> postgres.restarts() == 1);
            assertThat(postgres.postmasterPid()).isNotEqualTo(killed);
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("committed before the crash");
            }
        }
        assertThat(dataDirectory.resolve("postmaster.pid")).as("stopped cleanly at the end").doesNotExist();
    }

    @Test
    void aSharedBuffersValueThatIsNotASizeIsRefusedAtStart() {
        assertThatThrownBy(() -> new EmbeddedDatabaseProperties(dataDirectory.toString(), false, 0, "lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared-buffers");
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
