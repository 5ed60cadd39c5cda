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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server (embedded with zonky, PostgreSQL 14, or in a container) that really checks passwords, for
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
 * <p>Where it runs: {@link #start()} starts zonky's embedded PostgreSQL 14 in this JVM's user (a few seconds);
 * {@link #inContainer(String)} runs the same configuration (the same pg_hba, settings, certificate and log file,
 * shared with the container through a bind mount) in a Docker container through Testcontainers. Close what you
 * start, or use the JVM-wide {@link #shared()} instance ({@link TestServers#postgres()}) and clean up with a
 * {@link Scope}.
 */
public final class PasswordCheckingPostgres implements AutoCloseable {

    /** The trusted superuser used for setup. Not password-checked: do not use it as a test's login. */
    public static final String ADMIN_USER = "postgres";
    public static final String HOST = "127.0.0.1";

    private static final Pattern ROLE_OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./-]+");

    /** What runs the server: zonky's process or a container. */
    interface Backend extends AutoCloseable {
        int port();

        String describe();

        @Override
        void close() throws Exception;
    }

    /** The server's files, made before it starts: the pg_hba, the (empty) log and, where it could be made, a certificate. */
    record WorkDir(Path dir, Path hba, Path logFile, SelfSignedCertificate cert, String sslProblem) {
        /** The server settings every backend passes, with the paths as the server sees {@code dir} ({@code dirSeen}). */
        Map<String, String> settings(String dirSeen, String keyFileSeen) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("hba_file", dirSeen + "/" + hba.getFileName());
            settings.put("password_encryption", "scram-sha-256");
            settings.put("listen_addresses", HOST);
            settings.put("logging_collector", "off");
            settings.put("log_destination", "stderr");
            settings.put("log_statement", "all");
            settings.put("log_connections", "on");
            if (cert != null) {
                settings.put("ssl", "on");
                settings.put("ssl_cert_file", dirSeen + "/" + cert.certificatePem.getFileName());
                settings.put("ssl_key_file", keyFileSeen);
            }
            return settings;
        }
    }

    private final Backend backend;
    private final Path workDir;
    private final Path logFile;
    private final Path sslRootCert;
    private final String sslProblem;
    private final boolean isShared;

    private PasswordCheckingPostgres(Backend backend, WorkDir work, boolean isShared) {
        this.backend = backend;
        this.workDir = work.dir();
        this.logFile = work.logFile();
        this.sslRootCert = work.cert() == null ? null : work.cert().certificatePem;
        this.sslProblem = work.sslProblem();
        this.isShared = isShared;
    }

    /** Starts a new private embedded server; the caller closes it. */
    public static PasswordCheckingPostgres start() {
        return start(false);
    }

    /**
     * The JVM-wide instance of the tests' default provider ({@link TestServers#postgres()}), started on first use and
     * stopped when the JVM exits. Its {@link #close()} does nothing, so a test may put it in try-with-resources without
     * stopping it for the others. Tests on it should create uniquely named roles and databases (see {@link DbNames})
     * through a {@link Scope}.
     */
    public static PasswordCheckingPostgres shared() {
        return TestServers.postgres();
    }

    /** The embedded server {@link TestServers} shares. */
    static PasswordCheckingPostgres startShared() {
        return start(true);
    }

    private static PasswordCheckingPostgres start(boolean isShared) {
        WorkDir work = prepare();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("unix_socket_directories", work.dir().toString())
                    .setOutputRedirector(Redirect.appendTo(work.logFile().toFile()))
                    .setErrorRedirector(Redirect.appendTo(work.logFile().toFile()));
            work.settings(work.dir().toString(), work.cert() == null ? null : work.cert().privateKeyPem.toString())
                    .forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            Backend backend = new Backend() {
                @Override
                public int port() {
                    return postgres.getPort();
                }

                @Override
                public String describe() {
                    return "embedded PostgreSQL (zonky)";
                }

                @Override
                public void close() throws IOException {
                    postgres.close();
                }
            };
            return new PasswordCheckingPostgres(backend, work, isShared);
        } catch (IOException | RuntimeException e) {
            String log = TempFiles.readQuietly(work.logFile());
            TempFiles.deleteRecursively(work.dir());
            String why = e.getMessage() + log;
            String hint = why.contains("unshare") || why.contains("cannot be run as root")
                    ? "\nPostgreSQL refuses to run as root, so zonky runs it through `unshare -U` when started as root;"
                    + " where user namespaces are refused (a plain chroot, many root containers) run the tests as"
                    + " another user, or with a Docker engine (BLUEGREEN_POSTGRES_PROVIDER=container)"
                    : "";
            throw new IllegalStateException("could not start the embedded password-checking PostgreSQL: " + e.getMessage()
                    + hint + (log.isBlank() ? "" : "\n--- server log ---\n" + log), e);
        }
    }

    /**
     * The same server in a container of {@code image} (an official {@code postgres} image, or a local one with the
     * same entrypoint interface), shared by {@link TestServers}.
     */
    static PasswordCheckingPostgres inContainer(String image) {
        WorkDir work = prepare();
        try {
            return new PasswordCheckingPostgres(ContainerServers.postgres(image, work), work, true);
        } catch (RuntimeException e) {
            String log = TempFiles.readQuietly(work.logFile());
            TempFiles.deleteRecursively(work.dir());
            throw new IllegalStateException("could not start a password-checking PostgreSQL container from " + image
                    + ": " + e.getMessage() + (log.isBlank() ? "" : "\n--- server log ---\n" + log), e);
        }
    }

    private static WorkDir prepare() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bluegreen-pg-");
            // zonky hands the server settings to pg_ctl as one "-o" string split at blanks, so no path may
            // contain a blank or a quote.
            if (!SAFE_PATH.matcher(dir.toString()).matches()) {
                throw new IllegalStateException("temp dir path unusable in server options: " + dir
                        + " (set java.io.tmpdir to a path of letters, digits, '_', '.', '/' and '-')");
            }
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, String.join("\n",
                    "# written by " + PasswordCheckingPostgres.class.getName(),
                    "# TYPE  DATABASE  USER      ADDRESS        METHOD",
                    "local   all       all                      trust",
                    "host    all       " + ADMIN_USER + "  127.0.0.1/32   trust",
                    "host    all       all       127.0.0.1/32   scram-sha-256",
                    ""), StandardCharsets.US_ASCII);
            Path logFile = dir.resolve("postgres.log");
            Files.createFile(logFile);
            SelfSignedCertificate cert = null;
            String sslProblem = null;
            try {
                cert = SelfSignedCertificate.generate(dir);
            } catch (IOException | RuntimeException e) {
                sslProblem = "no TLS: could not make a certificate: " + e.getMessage();
                System.err.println(PasswordCheckingPostgres.class.getSimpleName() + ": " + sslProblem);
            }
            return new WorkDir(dir, hba, logFile, cert, sslProblem);
        } catch (IOException e) {
            TempFiles.deleteRecursively(dir);
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return backend.port();
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

    synchronized void stop() {
        try {
            backend.close();
        } catch (Exception e) {
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



    /** One line for test output: which server, from which provider. */
    public String describe() {
        return backend.describe() + " on " + HOST + ":" + port() + (sslEnabled() ? ", TLS" : ", no TLS");
    }

    @Override
    public String toString() {
        return "PasswordCheckingPostgres[" + describe() + "]";
    }
}
