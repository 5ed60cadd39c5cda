package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.bluegreen.testkit.db.TestServers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sql/mysql/apply.sh with each way its header names for the admin password, as an operator or a pipeline types it,
 * against a real server that checks it (the private MariaDB, and Oracle's MySQL 9 where BLUEGREEN_MYSQL_ROOT names
 * a root): an options file ({@code --defaults-extra-file}, first after {@code --} or among the other options; the
 * client takes it only first on its own command line), and the client's prompt ({@code -p}, answered on a terminal).
 * Each way also runs with a wrong password, which must fail and create nothing.
 */
class MySqlApplyAdminPasswordTest {

    enum Way { OPTIONS_FILE_FIRST, OPTIONS_FILE_AMONG_OTHERS, PROMPT }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String server : List.of("mariadb", "mysql")) {
            for (Way way : Way.values()) {
                out.add(Arguments.of(server, way));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void setsUpThePairWithTheRightPasswordAndNothingWithAWrongOne(String engine, Way way, @TempDir Path dir)
            throws Exception {
        if (way == Way.PROMPT) {
            Assumptions.assumeTrue(Shell.which("script") != null, "the prompt case needs util-linux's script for a terminal");
        }
        try (MariaDbServer server = server(engine)) {
            String db = DbNames.unique("bg_pw");
            String blue = DbNames.unique("bg_blue");
            String green = DbNames.unique("bg_green");
            server.trackDatabase(db);
            server.trackUser(blue, "%");
            server.trackUser(green, "%");

            Shell.Result wrong = apply(server, engine, way, "not-" + server.adminPassword(), dir, db, blue, green);
            assertNotEquals(0, wrong.exit(), wrong.all());
            assertTrue(wrong.all().contains("1045"), "the server refused the login: " + wrong.all());
            assertFalse(server.userExists(blue, "%") || server.databaseExists(db), "nothing created");

            Shell.Result right = apply(server, engine, way, server.adminPassword(), dir, db, blue, green);
            assertEquals(0, right.exit(), right.all());
            assertTrue(right.stdout().contains("bluegreen setup done"), right.all());
            assertTrue(server.userExists(blue, "%") && server.userExists(green, "%") && server.databaseExists(db));
            assertFalse(right.all().contains(server.adminPassword()), "the admin password is not echoed");
        }
    }

    private static MariaDbServer server(String engine) {
        if (engine.equals("mariadb")) {
            return MariaDbServer.fromEnvironment();
        }
        try {
            return TestServers.mySql(TestServers.Provider.LOCAL).newScope();
        } catch (TestServers.Unavailable e) {
            Assumptions.abort("no MySQL here: " + e.getMessage());
            throw e;
        }
    }

    private static Shell.Result apply(MariaDbServer server, String engine, Way way, String password, Path dir,
                                      String db, String blue, String green) throws IOException, SQLException {
        List<String> client = new ArrayList<>(List.of("--protocol=TCP", "-h", server.host(), "-P",
                String.valueOf(server.port()), "-u", server.adminUser()));
        if (engine.equals("mysql")) {
            client.add("--ssl"); // caching_sha2_password sends the password over TLS (the server has a certificate)
        }
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        List<String> cmd = new ArrayList<>(List.of(Repo.file("sql/mysql/apply.sh").toString(),
                "--db", db, "--blue", blue, "--green", green, "--"));
        switch (way) {
            case OPTIONS_FILE_FIRST, OPTIONS_FILE_AMONG_OTHERS -> {
                Path cnf = Files.createTempFile(dir, "admin", ".cnf",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(cnf, "[client]\npassword=\"" + password + "\"\n");
                String option = "--defaults-extra-file=" + cnf;
                if (way == Way.OPTIONS_FILE_FIRST) {
                    client.add(0, option);
                } else {
                    client.add(option);
                }
                cmd.addAll(client);
                return Shell.run(cmd, env, Repo.root(), null);
            }
            case PROMPT -> {
                client.add("-p");
                cmd.addAll(client);
                // The client reads the password from its terminal after flushing what was typed before the prompt:
                // the answer comes once the prompt can be there.
                env.put("BG_ANSWER", password);
                env.put("BG_COMMAND", cmd.stream().map(MySqlApplyAdminPasswordTest::shellQuoted).collect(Collectors.joining(" ")));
                return Shell.run(List.of("sh", "-c", "(sleep 3; printf '%s\\n' \"$BG_ANSWER\") | script -qec \"$BG_COMMAND\" /dev/null"),
                        env, Repo.root(), null);
            }
            default -> throw new IllegalArgumentException(way.toString());
        }
    }

    private static String shellQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
