package org.bluegreen.testkit.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB with TLS, for tests that need a server certificate to verify (the machine's MariaDB has TLS
 * off). Made from the machine's own binaries ({@code mariadb-install-db}, {@code /usr/sbin/mariadbd}) in a
 * temporary directory, listening on a free port of 127.0.0.1 with a throw-away certificate for {@code 127.0.0.1}
 * and {@code localhost} ({@link #caCertificate()} is both the certificate and its own CA). Plain connections are
 * accepted too.
 *
 * <p>{@link #server()} administers it like the shared server (users, databases, general log, cleanup), through an
 * admin account made at start-up. {@link #close()} stops the server and deletes the directory. Starting takes a
 * few seconds: share one instance per test class.
 */
public final class TlsMariaDb implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String ADMIN = "bluegreen_tls_admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Process process;
    private final int port;
    private final Path caCertificate;
    private final String adminPassword;
    private final MariaDbServer server;

    private TlsMariaDb(Path dir, Process process, int port, Path caCertificate, String adminPassword, MariaDbServer server) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.caCertificate = caCertificate;
        this.adminPassword = adminPassword;
        this.server = server;
    }

    /**
     * Starts a new server.
     *
     * @throws IllegalStateException with the server's error log when it cannot be made or does not answer
     */
    public static TlsMariaDb start() {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("bluegreen-mariadb-tls-");
            SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));

            List<String> install = new ArrayList<>(List.of(executable("mariadb-install-db", "mysql_install_db"),
                    "--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (root) {
                install.add("--user=root");
            }
            run(install, dir.resolve("install.log"));

            byte[] raw = new byte[16];
            new SecureRandom().nextBytes(raw);
            String adminPassword = HexFormat.of().formatHex(raw);
            Path init = dir.resolve("init.sql");
            Files.writeString(init, "CREATE USER '" + ADMIN + "'@'" + HOST + "' IDENTIFIED BY PASSWORD '"
                    + MariaDbServer.nativePasswordHash(adminPassword) + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'" + HOST + "' WITH GRANT OPTION;\n",
                    StandardCharsets.US_ASCII);

            int port = freePort();
            List<String> command = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults",
                    "--datadir=" + data, "--port=" + port, "--bind-address=" + HOST,
                    "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"),
                    "--log-error=" + dir.resolve("error.log"), "--init-file=" + init,
                    "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                    "--ssl-cert=" + cert.certificatePem, "--ssl-key=" + cert.privateKeyPem));
            if (root) {
                command.add("--user=root");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mariadbd.out").toFile()).start();

            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("mariadbd exited with " + process.exitValue());
                }
                try {
                    MariaDbServer server = MariaDbServer.at(HOST, port, ADMIN, adminPassword);
                    return new TlsMariaDb(dir, process, port, cert.certificatePem, adminPassword, server);
                } catch (IllegalStateException notYet) {
                    last = notYet.getCause() instanceof SQLException s ? s : null;
                    Thread.sleep(200);
                }
            }
            throw new IOException("mariadbd did not answer within " + START_TIMEOUT.toSeconds() + " s"
                    + (last == null ? "" : ": " + last.getMessage()));
        } catch (IOException | InterruptedException e) {
            String log = dir == null ? "" : TempFiles.readQuietly(dir.resolve("error.log")) + TempFiles.readQuietly(dir.resolve("install.log"));
            stop(process);
            TempFiles.deleteRecursively(dir);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not start a private MariaDB with TLS: " + e.getMessage()
                    + (log.isBlank() ? "" : "\n--- server log ---\n" + log), e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** PEM certificate of the server, which is also the CA to trust for {@code VERIFY_IDENTITY}. */
    public Path caCertificate() {
        return caCertificate;
    }

    /** Users, databases and the general log of this server; what it makes is dropped on {@link #close()}. */
    public MariaDbServer server() {
        return server;
    }

    /**
     * Another administration of the same server, with its own cleanup: for one test among many that share
     * this server (closing it drops what that test made, and leaves the server running).
     */
    public MariaDbServer newScope() {
        return MariaDbServer.at(HOST, port, ADMIN, adminPassword);
    }

    /** An admin connection without TLS. */
    public Connection adminConnection() throws SQLException {
        return server.adminConnection();
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
            for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
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
            throw new IOException(command.get(0) + " did not finish within " + START_TIMEOUT.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed with exit code " + p.exitValue());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }



    @Override
    public String toString() {
        return "TlsMariaDb[" + HOST + ":" + port + ", " + dir + "]";
    }
}
