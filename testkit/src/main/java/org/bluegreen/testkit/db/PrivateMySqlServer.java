package org.bluegreen.testkit.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MySQL-family server that this JVM starts, on a free port of 127.0.0.1, in a temporary directory it
 * deletes on {@link #close()}; no Docker needed:
 * <ul>
 *   <li>{@link #mariaDb(boolean)}: the machine's MariaDB binaries ({@code mariadb-install-db}, {@code /usr/sbin/mariadbd};
 *       Debian: {@code apt-get install mariadb-server}), optionally with a throw-away certificate for {@code 127.0.0.1}
 *       and {@code localhost} ({@link #caCertificate()} is both the certificate and its own CA). Plain connections are
 *       accepted too. Started as root, it runs as the {@code mysql} user (stock {@code mariadbd} refuses root).</li>
 *   <li>{@link #mySql(Path)}: Oracle's MySQL from a root directory that has it installed (Debian sid's
 *       {@code mysql-server}; {@code .ci/images roots} builds one), run inside that root with {@code chroot}, so it
 *       needs root. It makes its own TLS certificate (not one for 127.0.0.1: TLS works, host verification does not).</li>
 * </ul>
 * Both skip name resolution, so sessions are reported from {@code 127.0.0.1}, as on a server in a network. An admin
 * account with a random password is made at start-up; {@link #newScope()} administers the server through it.
 * Starting takes seconds: share one per test class, or use {@link TestServers}' JVM-wide ones.
 */
public final class PrivateMySqlServer implements MySqlFamilyServer {

    private static final String HOST = "127.0.0.1";
    private static final String ADMIN = "bluegreen_admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final Process process;
    private final int port;
    private final Path caCertificate;
    private final String adminPassword;
    private final String description;
    private final MariaDbServer server;

    private PrivateMySqlServer(Path dir, Process process, int port, Path caCertificate, String adminPassword,
                               String description, MariaDbServer server) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.caCertificate = caCertificate;
        this.adminPassword = adminPassword;
        this.description = description;
        this.server = server;
    }

    /**
     * Starts a MariaDB from the machine's binaries.
     *
     * @param tls whether it gets a certificate (and so speaks TLS)
     * @throws IllegalStateException with the server's error log when it cannot be made or does not answer, or saying
     *                               what to install when the binaries are missing
     */
    public static PrivateMySqlServer mariaDb(boolean tls) {
        Path dir = null;
        Process process = null;
        try {
            String installDb = executable("mariadb-install-db", "mysql_install_db");
            String mariadbd = executable("mariadbd");
            dir = Files.createTempDirectory("bluegreen-mariadb-");
            SelfSignedCertificate cert = tls ? SelfSignedCertificate.generate(dir) : null;
            Path data = dir.resolve("data");
            String adminPassword = randomPassword();
            Path init = dir.resolve("init.sql");
            Files.writeString(init, "CREATE USER '" + ADMIN + "'@'" + HOST + "' IDENTIFIED BY PASSWORD '"
                    + MariaDbServer.nativePasswordHash(adminPassword) + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'" + HOST + "' WITH GRANT OPTION;\n",
                    StandardCharsets.US_ASCII);
            // A private tmpdir: two installs sharing /tmp have collided on the bootstrap's temporary tables.
            Path tmp = Files.createDirectory(dir.resolve("tmp"));
            List<String> user = runAsUser(dir);

            List<String> install = new ArrayList<>(List.of(installDb, "--no-defaults", "--datadir=" + data,
                    "--tmpdir=" + tmp, "--auth-root-authentication-method=normal", "--skip-test-db"));
            install.addAll(user);
            run(install, dir.resolve("install.log"));

            int port = freePort();
            List<String> command = new ArrayList<>(List.of(mariadbd, "--no-defaults",
                    "--datadir=" + data, "--tmpdir=" + tmp, "--port=" + port, "--bind-address=" + HOST,
                    "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"),
                    "--log-error=" + dir.resolve("error.log"), "--init-file=" + init,
                    "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M"));
            if (cert != null) {
                command.add("--ssl-cert=" + cert.certificatePem);
                command.add("--ssl-key=" + cert.privateKeyPem);
            }
            command.addAll(user);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
            return awaitAdmin(dir, process, port, cert == null ? null : cert.certificatePem, adminPassword,
                    "private MariaDB from " + mariadbd + (tls ? " (TLS)" : " (no TLS)"));
        } catch (IOException | InterruptedException e) {
            throw failed("a private MariaDB", dir, process, e);
        }
    }

    /**
     * Starts Oracle's MySQL from {@code root}, a directory holding a Debian system with {@code mysql-server}
     * installed, through {@code chroot} (as root). Its data lives in a temporary directory inside {@code root}.
     *
     * @throws IllegalStateException when it cannot be made or does not answer, with the server's log
     */
    public static PrivateMySqlServer mySql(Path root) {
        Path dir = null;
        Process process = null;
        try {
            if (!Files.isExecutable(root.resolve("usr/sbin/mysqld"))) {
                throw new IOException(root + " has no usr/sbin/mysqld (build it with `.ci/images roots`, or point"
                        + " " + TestServers.MYSQL_ROOT + " at a root with Debian sid's mysql-server)");
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IOException("running MySQL from " + root + " needs chroot, and so root");
            }
            Files.createDirectories(root.resolve("var/tmp"));
            dir = Files.createTempDirectory(root.resolve("var/tmp"), "bluegreen-mysql-");
            String inside = "/" + root.relativize(dir);
            String adminPassword = randomPassword();
            Files.writeString(dir.resolve("init.sql"), "CREATE USER '" + ADMIN + "'@'" + HOST + "' IDENTIFIED BY '"
                    + adminPassword + "';\nGRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'" + HOST
                    + "' WITH GRANT OPTION;\n", StandardCharsets.US_ASCII);
            run(List.of("chroot", root.toString(), "chown", "-R", "mysql:mysql", inside), dir.resolve("chown.log"));
            run(List.of("chroot", root.toString(), "/usr/sbin/mysqld", "--no-defaults", "--initialize-insecure",
                    "--user=mysql", "--datadir=" + inside + "/data", "--log-error=" + inside + "/install.log"),
                    dir.resolve("install.out"));
            int port = freePort();
            process = new ProcessBuilder("chroot", root.toString(), "/usr/sbin/mysqld", "--no-defaults",
                    "--user=mysql", "--datadir=" + inside + "/data", "--port=" + port, "--bind-address=" + HOST,
                    "--socket=" + inside + "/mysqld.sock", "--pid-file=" + inside + "/mysqld.pid",
                    "--log-error=" + inside + "/error.log", "--init-file=" + inside + "/init.sql",
                    "--skip-name-resolve", "--mysqlx=OFF", "--skip-log-bin", "--innodb-buffer-pool-size=16M")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mysqld.out").toFile()).start();
            return awaitAdmin(dir, process, port, null, adminPassword, "private MySQL from " + root + " (chroot)");
        } catch (IOException | InterruptedException e) {
            throw failed("a private MySQL", dir, process, e);
        }
    }

    private static PrivateMySqlServer awaitAdmin(Path dir, Process process, int port, Path caCertificate,
                                                 String adminPassword, String description)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IllegalStateException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue());
            }
            try {
                MariaDbServer server = MariaDbServer.at(HOST, port, ADMIN, adminPassword);
                return new PrivateMySqlServer(dir, process, port, caCertificate, adminPassword, description, server);
            } catch (IllegalStateException notYet) {
                last = notYet;
                Thread.sleep(200);
            }
        }
        throw new IOException("the server did not answer within " + START_TIMEOUT.toSeconds() + " s"
                + (last == null || last.getCause() == null ? "" : ": " + last.getCause().getMessage()));
    }

    private static IllegalStateException failed(String what, Path dir, Process process, Exception e) {
        StringBuilder log = new StringBuilder();
        if (dir != null) {
            for (String name : List.of("error.log", "install.log", "install.out", "mariadbd.out", "mysqld.out")) {
                log.append(TempFiles.readQuietly(dir.resolve(name)));
            }
        }
        stop(process);
        TempFiles.deleteRecursively(dir);
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("could not start " + what + ": " + e.getMessage()
                + (log.isEmpty() ? "" : "\n--- server log ---\n" + log), e);
    }

    /**
     * As root: {@code --user=mysql} (stock mariadbd aborts as root without a {@code --user}), with the directory
     * handed to that user; as anyone else: nothing, the server runs as the caller.
     */
    private static List<String> runAsUser(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        UserPrincipal mysql;
        try {
            mysql = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql");
        } catch (IOException noSuchUser) {
            return List.of("--user=root");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setOwner(p, mysql);
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return List.of("--user=mysql");
    }

    /** A throw-away admin password for a server of the tests. */
    static String randomPassword() {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    /**
     * PEM certificate of a {@link #mariaDb(boolean) MariaDB} started with TLS, which is also the CA to trust for
     * {@code VERIFY_IDENTITY}.
     *
     * @throws IllegalStateException for a server started without a certificate of ours
     */
    public Path caCertificate() {
        if (caCertificate == null) {
            throw new IllegalStateException(describe() + " has no certificate of ours");
        }
        return caCertificate;
    }

    /** Users, databases and the general log of this server; what it makes is dropped on {@link #close()}. */
    public MariaDbServer server() {
        return server;
    }

    @Override
    public MariaDbServer newScope() {
        return MariaDbServer.at(HOST, port, ADMIN, adminPassword);
    }

    /** An admin connection without TLS. */
    public Connection adminConnection() throws SQLException {
        return server.adminConnection();
    }

    @Override
    public String describe() {
        return description + " on " + HOST + ":" + port;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (SQLException ignored) {
            // the whole data directory goes next
        }
        stop(process);
        TempFiles.deleteRecursively(dir);
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String executable(String... names) throws IOException {
        for (String name : names) {
            for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IOException("none of " + String.join(", ", names) + " is installed (Debian: apt-get install mariadb-server)");
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command.subList(0, 2)) + " did not finish within "
                    + START_TIMEOUT.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed with exit code " + p.exitValue());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "PrivateMySqlServer[" + describe() + "]";
    }
}
