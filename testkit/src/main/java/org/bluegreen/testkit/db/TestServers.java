package org.bluegreen.testkit.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the tests' database servers come from: one place that knows every provider, so that the rotator's, the
 * CLI's, the stack's and the simulator's tests all get their servers the same way. Every server checks passwords,
 * listens on 127.0.0.1 only and is private to this JVM, unless the environment names one on purpose
 * ({@link Provider#EXTERNAL}); the machine's shared services (PostgreSQL on 5432, MariaDB on 3306) are never used.
 *
 * <table>
 *   <caption>providers per engine family</caption>
 *   <tr><th></th><th>{@link Provider#CONTAINER} (Testcontainers)</th><th>{@link Provider#LOCAL} (no Docker)</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code BLUEGREEN_POSTGRES_IMAGE}, default {@value #DEFAULT_POSTGRES_IMAGE}</td>
 *       <td>zonky embedded PostgreSQL 14</td></tr>
 *   <tr><td>MariaDB</td><td>{@code BLUEGREEN_MARIADB_IMAGE}, default {@value #DEFAULT_MARIADB_IMAGE}</td>
 *       <td>the machine's {@code mariadbd} ({@code apt-get install mariadb-server})</td></tr>
 *   <tr><td>MySQL</td><td>{@code BLUEGREEN_MYSQL_IMAGE}, default {@value #DEFAULT_MYSQL_IMAGE}</td>
 *       <td>{@code mysqld} in the root {@code BLUEGREEN_MYSQL_ROOT} names (chroot; {@code .ci/images roots})</td></tr>
 * </table>
 * Each setting is an environment variable or the system property of the same name in lower case with dots
 * ({@code BLUEGREEN_POSTGRES_IMAGE} = {@code -Dbluegreen.postgres.image=...}).
 *
 * <p>The defaults: {@link #postgres()} is the container where a Docker engine answers (and Testcontainers is on the
 * classpath), else the embedded one; {@code BLUEGREEN_POSTGRES_PROVIDER=container|local} decides outright.
 * {@link #mysqlFamily()} is the server {@code MYSQL_HOST}/{@code MYSQL_PORT} name when either is set (administered as
 * {@code MYSQL_ADMIN_USER}/{@code MYSQL_ADMIN_PASSWORD}), else a private MariaDB. Servers are started on first use,
 * one per provider and family per JVM, and stopped when the JVM exits. A provider that cannot serve throws
 * {@link Unavailable}, whose message says what to install or set.
 */
public final class TestServers {

    public static final String DEFAULT_POSTGRES_IMAGE = "postgres:17";
    public static final String DEFAULT_MYSQL_IMAGE = "mysql:8.4";
    public static final String DEFAULT_MARIADB_IMAGE = "mariadb:11.4";
    static final String MYSQL_ROOT = "BLUEGREEN_MYSQL_ROOT";

    /** How a server is provided. */
    public enum Provider {
        /** Testcontainers on a Docker engine: {@code DOCKER_HOST} or the usual socket. */
        CONTAINER,
        /** A server this JVM starts from binaries: zonky's embedded PostgreSQL, the machine's mariadbd, a MySQL root. */
        LOCAL,
        /** A MySQL-family server someone else runs, named by {@code MYSQL_HOST}/{@code MYSQL_PORT}. */
        EXTERNAL
    }

    /** The provider cannot give this server here; the message says what would make it able to. */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final Map<String, AutoCloseable> STARTED = new LinkedHashMap<>();
    private static final Map<String, RuntimeException> FAILED = new HashMap<>();
    private static Boolean docker;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "test-servers-stop"));
    }

    private TestServers() {
    }

    /** The PostgreSQL most tests use: see the class comment. */
    public static PasswordCheckingPostgres postgres() {
        return postgres(defaultPostgresProvider());
    }

    /** The provider {@link #postgres()} uses. */
    public static Provider defaultPostgresProvider() {
        String chosen = setting("BLUEGREEN_POSTGRES_PROVIDER");
        if (chosen == null) {
            return dockerAvailable() ? Provider.CONTAINER : Provider.LOCAL;
        }
        try {
            Provider p = Provider.valueOf(chosen.trim().toUpperCase(Locale.ROOT));
            if (p != Provider.EXTERNAL) {
                return p;
            }
        } catch (IllegalArgumentException notOne) {
            // falls through to the message
        }
        throw new IllegalStateException("BLUEGREEN_POSTGRES_PROVIDER is '" + chosen + "'; expected container or local");
    }

    /** A JVM-wide PostgreSQL from {@code provider} ({@link Provider#CONTAINER} or {@link Provider#LOCAL}). */
    public static synchronized PasswordCheckingPostgres postgres(Provider provider) {
        return switch (provider) {
            case CONTAINER -> shared("postgres/container", () -> {
                requireDocker("a PostgreSQL container");
                return PasswordCheckingPostgres.inContainer(image("BLUEGREEN_POSTGRES_IMAGE", DEFAULT_POSTGRES_IMAGE));
            });
            case LOCAL -> shared("postgres/local", PasswordCheckingPostgres::startShared);
            case EXTERNAL -> throw new Unavailable("the tests start their own PostgreSQL; there is no external one");
        };
    }

    /**
     * The MySQL-family server most tests use: the one the environment names ({@code MYSQL_HOST}, {@code MYSQL_PORT}),
     * else a private MariaDB.
     */
    public static MySqlFamilyServer mysqlFamily() {
        return externalConfigured() ? external() : mariaDb(Provider.LOCAL);
    }

    /** A JVM-wide MariaDB from {@code provider} ({@link Provider#CONTAINER} or {@link Provider#LOCAL}). */
    public static synchronized MySqlFamilyServer mariaDb(Provider provider) {
        return switch (provider) {
            case CONTAINER -> shared("mariadb/container", () -> {
                requireDocker("a MariaDB container");
                return ContainerServers.mariaDb(image("BLUEGREEN_MARIADB_IMAGE", DEFAULT_MARIADB_IMAGE));
            });
            case LOCAL -> shared("mariadb/local", () -> PrivateMySqlServer.mariaDb(false));
            case EXTERNAL -> external();
        };
    }

    /** A JVM-wide MySQL (Oracle's server) from {@code provider} ({@link Provider#CONTAINER} or {@link Provider#LOCAL}). */
    public static synchronized MySqlFamilyServer mySql(Provider provider) {
        return switch (provider) {
            case CONTAINER -> shared("mysql/container", () -> {
                requireDocker("a MySQL container");
                return ContainerServers.mySql(image("BLUEGREEN_MYSQL_IMAGE", DEFAULT_MYSQL_IMAGE));
            });
            case LOCAL -> shared("mysql/local", () -> {
                String root = setting(MYSQL_ROOT);
                if (root == null || root.isBlank()) {
                    throw new Unavailable("no MySQL server binary is configured: set " + MYSQL_ROOT + " to a root"
                            + " directory with Debian sid's mysql-server installed (`.ci/images roots` builds one under"
                            + " /var/cache/bluegreen/roots/mysql-9), or run a Docker engine for the MySQL container");
                }
                return PrivateMySqlServer.mySql(Path.of(root));
            });
            case EXTERNAL -> external();
        };
    }

    /** Whether the environment names a MySQL-family server of its own ({@code MYSQL_HOST} or {@code MYSQL_PORT}). */
    public static boolean externalConfigured() {
        return setting("MYSQL_HOST") != null || setting("MYSQL_PORT") != null;
    }

    private static synchronized MySqlFamilyServer external() {
        if (!externalConfigured()) {
            throw new Unavailable("no external MySQL-family server: set MYSQL_HOST/MYSQL_PORT (and MYSQL_ADMIN_USER,"
                    + " MYSQL_ADMIN_PASSWORD) to one");
        }
        return shared("mysql-family/external", () -> {
            String host = orDefault(setting("MYSQL_HOST"), "127.0.0.1");
            String port = orDefault(setting("MYSQL_PORT"), "3306");
            int portNumber;
            try {
                portNumber = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("MYSQL_PORT is not a port number: " + port);
            }
            String user = orDefault(setting("MYSQL_ADMIN_USER"), "root");
            String password = orDefault(setting("MYSQL_ADMIN_PASSWORD"), "");
            MariaDbServer.at(host, portNumber, user, password); // checks the admin login now, with a message
            return new AdministeredMySqlServer(host, portNumber, user, password,
                    "external MySQL-family server (MYSQL_HOST/MYSQL_PORT)", () -> { });
        });
    }

    /**
     * Whether a Docker engine answers and Testcontainers is on the classpath. Asked once per JVM; an exception from
     * Testcontainers' check counts as "no".
     */
    public static synchronized boolean dockerAvailable() {
        if (docker == null) {
            docker = ContainerServers.onClasspath() && ContainerServers.dockerAnswers();
        }
        return docker;
    }

    /**
     * Whether every provider-specific test must find its provider ({@code BLUEGREEN_REQUIRE_ALL_PROVIDERS=true}, as CI
     * sets it): then a missing provider fails the test instead of skipping it.
     */
    public static boolean allProvidersRequired() {
        return Boolean.parseBoolean(setting("BLUEGREEN_REQUIRE_ALL_PROVIDERS"));
    }

    private static void requireDocker(String what) {
        if (!ContainerServers.onClasspath()) {
            throw new Unavailable(what + " needs Testcontainers on this module's test classpath");
        }
        if (!dockerAvailable()) {
            throw new Unavailable(what + " needs a Docker engine (Debian: apt-get install docker.io; on a machine without"
                    + " a bridge network `.ci/dockerd start` runs one, and `eval \"$(.ci/dockerd env)\"` points the tests"
                    + " at it)");
        }
    }

    /** An environment variable, or the system property of the same name in lower case with dots. */
    static String setting(String name) {
        String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        return property != null ? property : System.getenv(name);
    }

    private static String image(String setting, String fallback) {
        String image = setting(setting);
        return image == null || image.isBlank() ? fallback : image.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Started once per key; a start that failed fails again at once (with the first cause), not once per test. */
    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T shared(String key, Supplier<T> start) {
        RuntimeException failed = FAILED.get(key);
        if (failed != null) {
            throw failed;
        }
        try {
            return (T) STARTED.computeIfAbsent(key, k -> start.get());
        } catch (RuntimeException e) {
            FAILED.put(key, e);
            throw e;
        }
    }

    private static synchronized void stopAll() {
        List<AutoCloseable> servers = new ArrayList<>(STARTED.values());
        Collections.reverse(servers);
        for (AutoCloseable server : servers) {
            try {
                if (server instanceof PasswordCheckingPostgres pg) {
                    pg.stop();
                } else {
                    server.close();
                }
            } catch (Exception e) {
                System.err.println("TestServers: stopping " + server + " failed: " + e);
            }
        }
        STARTED.clear();
    }
}
