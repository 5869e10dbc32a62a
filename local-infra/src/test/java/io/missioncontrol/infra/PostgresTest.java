package io.missioncontrol.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTest {

    @TempDir
    Path dataDirectory;

    private final int port = FreePorts.allocate(1)[0];

    @Test
    void aCreatedDatabaseAnswersQueries() throws Exception {
        try (Postgres postgres = new Postgres(dataDirectory, port)) {
            postgres.start();

            postgres.createDatabaseIfMissing("orders");
            postgres.createDatabaseIfMissing("orders");

            assertThat(postgres.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://localhost:" + port + "/orders");
            assertThat(postgres.r2dbcUrl("orders")).isEqualTo("r2dbc:postgresql://localhost:" + port + "/orders");
            execute(postgres, "orders", "CREATE TABLE item (name text)", "INSERT INTO item VALUES ('bolt')");
            assertThat(query(postgres, "orders", "SELECT name FROM item")).isEqualTo("bolt");
            assertThat(query(postgres, "orders", "SHOW max_connections")).isEqualTo("300");
        }
    }

    @Test
    void dataSurvivesAStopAndAClose() throws Exception {
        try (Postgres postgres = new Postgres(dataDirectory, port)) {
            postgres.start();
            postgres.createDatabaseIfMissing("ledger");
            execute(postgres, "ledger", "CREATE TABLE entry (amount int)", "INSERT INTO entry VALUES (42)");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            postgres.start();

            assertThat(query(postgres, "ledger", "SELECT amount FROM entry")).isEqualTo("42");
        }

        try (Postgres reopened = new Postgres(dataDirectory, port)) {
            reopened.start();

            assertThat(query(reopened, "ledger", "SELECT amount FROM entry")).isEqualTo("42");
        }
    }

    @Test
    void anOrphanedServerLeftByAKilledJvmIsStoppedAndReplaced() throws Exception {
        Path pgCtl;
        try (Postgres postgres = new Postgres(dataDirectory, port)) {
            postgres.start();
            postgres.createDatabaseIfMissing("ledger");
            execute(postgres, "ledger", "CREATE TABLE entry (amount int)", "INSERT INTO entry VALUES (7)");
            pgCtl = runningPostmaster().info().command().map(Path::of).orElseThrow().resolveSibling("pg_ctl");
        }
        // What a killed JVM leaves behind: a server still running on the data directory, with nobody to stop it.
        startServerWithoutOwner(pgCtl);
        ProcessHandle orphan = runningPostmaster();

        try (Postgres postgres = new Postgres(dataDirectory, port)) {
            postgres.start();

            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(postgres, "ledger", "SELECT amount FROM entry")).isEqualTo("7");
        } finally {
            orphan.destroy();
        }
    }

    @Test
    void aServerInUseByALiveOwnerIsNotTakenOver() throws Exception {
        try (Postgres owner = new Postgres(dataDirectory, port)) {
            owner.start();

            Postgres intruder = new Postgres(dataDirectory, port);

            assertThatThrownBy(intruder::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to another running JVM");
            assertThat(query(owner, "postgres", "SELECT 'still serving'")).isEqualTo("still serving");
        }
    }

    private ProcessHandle runningPostmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private void startServerWithoutOwner(Path pgCtl) throws Exception {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // PostgreSQL refuses to run as root; zonky runs it in a user namespace, and so must we.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-o", "-p " + port, "-w", "start"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static void execute(Postgres postgres, String database, String... statements) throws SQLException {
        try (Connection connection = connect(postgres, database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(Postgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = connect(postgres, database);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static Connection connect(Postgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }
}
