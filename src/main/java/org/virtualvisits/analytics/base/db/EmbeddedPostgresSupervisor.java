package org.virtualvisits.analytics.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded PostgreSQL and keeps it running: when its postmaster dies (killed, out of memory),
 * it is started again on the same data folder and the same port within seconds, so the connection pool
 * reconnects and the application serves again without a restart. Meanwhile requests fail fast (the
 * pool's 2 s connection timeout) with 503. PostgreSQL itself replays its WAL, so nothing committed is
 * lost. See docs/decisions/0002-embedded-postgres.md.
 */
class EmbeddedPostgresSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresSupervisor.class);
    /** Between attempts to start a dead server again (its children may still hold shared memory). */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final EmbeddedDatabaseProperties properties;
    private final Path directory;
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread watcher;
    private volatile EmbeddedPostgres postgres;
    /** The running server's postmaster (the library's own process handle is pg_ctl's, which exits). */
    private volatile ProcessHandle postmaster;
    private volatile boolean closing;
    private int port;

    EmbeddedPostgresSupervisor(EmbeddedDatabaseProperties properties) throws IOException {
        this.properties = properties;
        this.directory = properties.temporary()
                ? Files.createTempDirectory("vva-pg")
                : Path.of(properties.directory()).toAbsolutePath().normalize();
        prepareDirectory();
        this.port = properties.port();
        this.postgres = startServer();
        this.port = postgres.getPort();
        this.postmaster = runningPostmaster();
        log.info("Embedded PostgreSQL running on port {} with data in {}", port, directory);
        this.watcher = new Thread(this::watch, "embedded-postgres-supervisor");
        watcher.setDaemon(true);
        watcher.start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    /** How often the server was started again after it died. */
    int restarts() {
        return restarts.get();
    }

    /** The postmaster's process id (for tests and operators). */
    long postmasterPid() {
        return postmaster.pid();
    }

    /** The process that {@code postmaster.pid} names, which must be alive right after a start. */
    private ProcessHandle runningPostmaster() throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IOException("PostgreSQL's postmaster " + pid + " is not running"));
    }

    private void prepareDirectory() throws IOException {
        Files.createDirectories(directory);
        if (properties.temporary()) {
            return;
        }
        if (!Files.exists(directory.resolve("PG_VERSION"))) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("The embedded database folder " + directory + " is not empty "
                            + "and holds no PostgreSQL database; point app.embedded-db.directory at an empty or "
                            + "new folder");
                }
            }
        }
        LeftoverPostgres.stopIfRunning(directory);
    }

    private EmbeddedPostgres startServer() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                // Never let the library delete the folder: a temporary one is removed in close(), and a
                // restart must find the data where it was.
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)) // crash recovery replays the WAL first
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        if (properties.temporary()) {
            // Throw-away test cluster: speed over durability is fine here, and only here.
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
        } else {
            // The library starts the server with -F (fsync off) and synchronous_commit=off;
            // data a user keeps needs both on. A later -c overrides the earlier -F.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("shared_buffers", properties.sharedBuffers());
        }
        return builder.start();
    }

    /** Waits for the postmaster to exit; unless the application is stopping, starts it again. */
    private void watch() {
        while (!closing) {
            try {
                postmaster.onExit().get();
            } catch (InterruptedException e) {
                return; // closing
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (closing) {
                return;
            }
            log.error("The embedded PostgreSQL (port {}) stopped unexpectedly; starting it again on {}", port,
                    directory);
            restart();
        }
    }

    private void restart() {
        EmbeddedPostgres dead = postgres;
        try {
            // Releases the library's lock on the folder; the server is already gone (so the library logs
            // that it "could not stop postmaster": expected here).
            dead.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL", e);
        }
        long started = System.nanoTime();
        for (int attempt = 1; !closing; attempt++) {
            try {
                LeftoverPostgres.stopIfRunning(directory); // removes the stale postmaster.pid
                postgres = startServer();
                postmaster = runningPostmaster();
                restarts.incrementAndGet();
                log.warn("Embedded PostgreSQL running again on port {} after {} ms ({} attempt(s))", port,
                        (System.nanoTime() - started) / 1_000_000, attempt);
                return;
            } catch (IOException | RuntimeException e) {
                // Typically: backends of the dead server still hold its shared memory for a moment.
                log.warn("Embedded PostgreSQL did not start yet (attempt {}): {}", attempt, e.getMessage());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        watcher.interrupt();
        try {
            postgres.close();
        } finally {
            if (properties.temporary()) {
                deleteTemporaryDirectory();
            }
        }
    }

    private void deleteTemporaryDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the temporary database folder {}", directory, e);
        }
    }
}
