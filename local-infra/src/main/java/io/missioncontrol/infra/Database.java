package io.missioncontrol.infra;

/**
 * How to reach one database: the JDBC URL is for Flyway (and plain JDBC in tests), the R2DBC URL for the services.
 */
public record Database(String name, String jdbcUrl, String r2dbcUrl, String username, String password) {
}
