package org.bluegreen.testkit.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The container provider (Testcontainers' PostgreSQL, MySQL and MariaDB modules). Only this class names
 * Testcontainers, and only {@link TestServers} calls it after {@link #onClasspath()}: modules without Testcontainers
 * on their classpath (the simulator's jar) never load it.
 *
 * <p>Containers run in the host's network ({@code --network host}) on a free port of 127.0.0.1, so that no bridge
 * network is needed and the tests' traffic stays on the loopback; nothing is exposed or mapped. Each waits until its
 * admin logs in over JDBC (not for log lines: the official and the local images print different ones). The images
 * may be official ones or local ones built with the same entrypoint interface ({@code .ci/images}); a local name is
 * accepted as a substitute for the official one. On a machine like the CI's, Testcontainers needs
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} and {@code TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1} ({@code .ci/dockerd env}).
 */
final class ContainerServers {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Where a PostgreSQL container sees the server's work directory. */
    private static final String PG_DIR = "/bluegreen";

    private ContainerServers() {
    }

    static boolean onClasspath() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerServers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * PostgreSQL with the work directory's pg_hba, certificate and settings, its stderr (the server log) appended to
     * the work directory's log file as the embedded server's is.
     */
    static PasswordCheckingPostgres.Backend postgres(String image, PasswordCheckingPostgres.WorkDir work) {
        try {
            // the server runs as the image's postgres user: it must read the directory's files
            Files.setPosixFilePermissions(work.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = freePort();
            String keyFile = "/tmp/bluegreen-server.key";
            StringBuilder script = new StringBuilder("set -e\n");
            if (work.cert() != null) {
                // PostgreSQL wants its key owned by the server's user and readable by it alone: a copy inside
                script.append("cp ").append(PG_DIR).append('/').append(work.cert().privateKeyPem.getFileName())
                        .append(' ').append(keyFile).append(" && chown postgres ").append(keyFile)
                        .append(" && chmod 600 ").append(keyFile).append('\n');
            }
            script.append("exec docker-entrypoint.sh postgres -c port=").append(port);
            for (Map.Entry<String, String> s : work.settings(PG_DIR, keyFile).entrySet()) {
                script.append(" -c ").append(s.getKey()).append('=').append(s.getValue());
            }
            script.append(" 2>>").append(PG_DIR).append('/').append(work.logFile().getFileName()).append('\n');

            // trusted over TCP from 127.0.0.1 by our pg_hba
            HostNetworkPostgres c = new HostNetworkPostgres(substitute(image, "postgres"), port,
                    () -> DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port
                            + "/postgres?sslmode=disable&connectTimeout=5", PasswordCheckingPostgres.ADMIN_USER, ""));
            c.withUsername(PasswordCheckingPostgres.ADMIN_USER).withPassword(PrivateMySqlServer.randomPassword())
                    .withDatabaseName("postgres")
                    .withFileSystemBind(work.dir().toString(), PG_DIR, BindMode.READ_WRITE)
                    .withCommand("sh", "-c", script.toString());
            start(c);
            return new PasswordCheckingPostgres.Backend() {
                @Override
                public int port() {
                    return port;
                }

                @Override
                public String describe() {
                    return "PostgreSQL container " + image;
                }

                @Override
                public void close() {
                    c.stop();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MySqlFamilyServer mySql(String image) {
        String password = PrivateMySqlServer.randomPassword();
        int port = freePort();
        HostNetworkMySql c = new HostNetworkMySql(substitute(image, "mysql"), port, rootLogin(port, password));
        c.withUsername("root").withPassword(password)
                .withCommand("--port=" + port, "--bind-address=" + HOST, "--skip-name-resolve", "--mysqlx=OFF");
        return started(c, "MySQL container " + image, port, password);
    }

    static MySqlFamilyServer mariaDb(String image) {
        String password = PrivateMySqlServer.randomPassword();
        int port = freePort();
        HostNetworkMariaDb c = new HostNetworkMariaDb(substitute(image, "mariadb"), port, rootLogin(port, password));
        c.withUsername("root").withPassword(password).withEnv("MARIADB_ROOT_PASSWORD", password)
                .withCommand("--port=" + port, "--bind-address=" + HOST, "--skip-name-resolve");
        return started(c, "MariaDB container " + image, port, password);
    }

    private static Callable<Connection> rootLogin(int port, String password) {
        return () -> MariaDbServer.at(HOST, port, "root", password).adminConnection();
    }

    private static MySqlFamilyServer started(JdbcDatabaseContainer<?> c, String description, int port, String password) {
        start(c);
        return new AdministeredMySqlServer(HOST, port, "root", password, description, c::stop);
    }

    /** In the host's network, nothing exposed; started, and so (see {@link #awaitAdmin}) its admin logs in. */
    private static void start(JdbcDatabaseContainer<?> c) {
        c.withNetworkMode("host");
        c.setExposedPorts(List.of());
        c.withStartupTimeout(START_TIMEOUT);
        try {
            c.start();
        } catch (RuntimeException e) {
            String logs;
            try {
                logs = c.getLogs();
            } catch (RuntimeException gone) {
                logs = "";
            }
            c.stop();
            throw new IllegalStateException(e.getMessage() + (logs.isBlank() ? "" : "\n--- container log ---\n" + logs), e);
        }
    }

    private static DockerImageName substitute(String image, String official) {
        return DockerImageName.parse(image).asCompatibleSubstituteFor(official);
    }

    private static int freePort() {
        try {
            return PrivateMySqlServer.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code login} works while the container runs: what the three container classes do instead of
     * Testcontainers' own wait (log lines, mapped ports, its JDBC URL and driver), none of which fits host networking
     * and two kinds of image. Each also reports 127.0.0.1 and the server's port as host and "mapped" port.
     */
    private static void awaitAdmin(JdbcDatabaseContainer<?> c, Callable<Connection> login) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!c.isRunning()) {
                throw new ContainerLaunchException("the container stopped while starting");
            }
            try (Connection ignored = login.call()) {
                return;
            } catch (Exception notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for the server", e);
            }
        }
        throw new ContainerLaunchException("the server did not let its admin in within " + START_TIMEOUT.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static final class HostNetworkPostgres extends PostgreSQLContainer<HostNetworkPostgres> {
        private final int port;
        private final Callable<Connection> login;

        HostNetworkPostgres(DockerImageName image, int port, Callable<Connection> login) {
            super(image);
            this.port = port;
            this.login = login;
        }

        @Override
        public String getHost() {
            return HOST;
        }

        /** Host network: the server's own port (Testcontainers' start reports the JDBC URL, which asks for it). */
        @Override
        public Integer getMappedPort(int originalPort) {
            return port;
        }

        @Override
        protected void waitUntilContainerStarted() {
            awaitAdmin(this, login);
        }
    }

    private static final class HostNetworkMySql extends MySQLContainer<HostNetworkMySql> {
        private final int port;
        private final Callable<Connection> login;

        HostNetworkMySql(DockerImageName image, int port, Callable<Connection> login) {
            super(image);
            this.port = port;
            this.login = login;
        }

        @Override
        public String getHost() {
            return HOST;
        }

        /** Host network: the server's own port (Testcontainers' start reports the JDBC URL, which asks for it). */
        @Override
        public Integer getMappedPort(int originalPort) {
            return port;
        }

        @Override
        protected void waitUntilContainerStarted() {
            awaitAdmin(this, login);
        }
    }

    private static final class HostNetworkMariaDb extends MariaDBContainer<HostNetworkMariaDb> {
        private final int port;
        private final Callable<Connection> login;

        HostNetworkMariaDb(DockerImageName image, int port, Callable<Connection> login) {
            super(image);
            this.port = port;
            this.login = login;
        }

        @Override
        public String getHost() {
            return HOST;
        }

        /** Host network: the server's own port (Testcontainers' start reports the JDBC URL, which asks for it). */
        @Override
        public Integer getMappedPort(int originalPort) {
            return port;
        }

        @Override
        protected void waitUntilContainerStarted() {
            awaitAdmin(this, login);
        }
    }
}
