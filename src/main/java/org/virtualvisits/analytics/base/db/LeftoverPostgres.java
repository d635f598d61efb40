package org.virtualvisits.analytics.base.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash ({@code kill -9}) of the application, the embedded PostgreSQL server it
 * started keeps running and holds {@code postmaster.pid}, so the next start would fail.
 * This stops such a leftover server (fast shutdown, so nothing committed is lost) or
 * removes a pid file whose process is gone.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgresFor(process.get(), dataDirectory)) {
            log.warn("Removing stale {} (process {} is not running this database)", pidFile, pid.orElse(null));
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("A PostgreSQL server (pid {}) left over from an earlier run holds {}; shutting it down",
                pid.get(), dataDirectory);
        signal(pid.get(), "INT"); // PostgreSQL's "fast" shutdown: clean, committed data stays
        ProcessHandle handle = process.get();
        try {
            handle.onExit().get(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Leftover PostgreSQL did not stop in {}; killing it (it will recover from its WAL)",
                    SHUTDOWN_WAIT);
            handle.destroyForcibly();
        }
        waitUntilGone(pidFile, handle);
    }

    private static void waitUntilGone(Path pidFile, ProcessHandle handle) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            sleep();
        }
        if (!handle.isAlive()) {
            Files.deleteIfExists(pidFile);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgresFor(ProcessHandle process, Path dataDirectory) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            return command.contains("postgres") && command.contains(dataDirectory.toString());
        } catch (IOException e) {
            // No /proc (not Linux): trust the command name alone.
            return process.info().command().map(c -> c.contains("postgres")).orElse(false);
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping leftover PostgreSQL", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
