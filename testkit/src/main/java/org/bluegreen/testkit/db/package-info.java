/**
 * Real database servers that enforce passwords, for tests and the fleet simulator. Never the machine's own
 * services: every server is private to the JVM and listens on a free port of 127.0.0.1.
 *
 * <h2>Where servers come from: {@link org.bluegreen.testkit.db.TestServers}</h2>
 * One seam with a provider per kind of machine: Testcontainers where a Docker engine answers, servers started from
 * binaries where not (zonky's embedded PostgreSQL, the machine's {@code mariadbd}, {@code mysqld} from a configured
 * root), or a MySQL-family server the environment names. Unavailable providers say what to install.
 *
 * <h2>One test's database: {@link org.bluegreen.testkit.db.TestDatabase}</h2>
 * A database and its users on one of those servers, the same interface for every engine family
 * ({@link org.bluegreen.testkit.db.PostgresTestDatabase}, {@link org.bluegreen.testkit.db.MySqlFamilyTestDatabase}),
 * so that one scenario class runs on each.
 *
 * <h2>PostgreSQL: {@link org.bluegreen.testkit.db.PasswordCheckingPostgres}</h2>
 * {@code postgres} is trusted (admin), every other role must give its SCRAM password (wrong one: SQLState
 * {@code 28P01}). TLS on with a self-signed certificate, plaintext allowed too; {@code log_statement=all} captured in
 * {@code serverLog()}. The same configuration embedded or in a container.
 * <pre>{@code
 * PasswordCheckingPostgres pg = PasswordCheckingPostgres.shared();   // TestServers.postgres(): one per JVM
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
 * Administration of a {@link org.bluegreen.testkit.db.MySqlFamilyServer}, dropping on {@code close()} every user and
 * database made or tracked. Wrong password: error code {@code 1045}.
 * <pre>{@code
 * try (MariaDbServer mysql = MariaDbServer.fromEnvironment()) {      // TestServers.mysqlFamily().newScope()
 *     mysql.enableGeneralLog();
 *     String master = mysql.createUser(DbNames.unique("master"), "%", "pw");
 *     mysql.grantGlobal("CREATE USER", master, "%", true);
 *     ...
 *     assertFalse(mysql.generalLog().contains("new-password"));
 * }
 * }</pre>
 *
 * <h2>A private MariaDB with TLS: {@link org.bluegreen.testkit.db.PrivateMySqlServer}</h2>
 * <pre>{@code
 * PrivateMySqlServer tls = PrivateMySqlServer.mariaDb(true);  // @BeforeAll; tls.close() in @AfterAll
 * try (MariaDbServer scope = tls.newScope()) {                // dropped per test
 *     String user = scope.createUser(DbNames.unique("app"), "%", "pw");
 *     ... sslMode=VERIFY_IDENTITY, trusting tls.caCertificate() ...
 * }
 * }</pre>
 */
package org.bluegreen.testkit.db;
