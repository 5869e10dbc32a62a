package io.missioncontrol.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates databases on a PostgreSQL server, whichever way that server was started. */
final class Databases {

    /**
     * CREATE DATABASE cannot take the name as a bind parameter, so the name goes into the SQL text: allow only plain
     * lower-case identifiers, which also need no quoting in JDBC or R2DBC URLs.
     */
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** PostgreSQL's SQLSTATE for "database already exists". */
    private static final String DUPLICATE_DATABASE = "42P04";

    private Databases() {
    }

    static String requirePlainName(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "A database name must be a lower-case identifier (letters, digits, underscores): " + name);
        }
        return name;
    }

    /**
     * @param maintenanceJdbcUrl a JDBC URL of a database that always exists (the {@code postgres} database)
     */
    static void createIfMissing(String maintenanceJdbcUrl, String username, String password, String name) {
        requirePlainName(name);
        try (Connection connection = DriverManager.getConnection(maintenanceJdbcUrl, username, password)) {
            if (exists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // Several services may start at once and race to create a shared database: losing is fine.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }
}
