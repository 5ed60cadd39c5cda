package org.bluegreen.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.MutableClock;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The doctor's database checks on a MySQL-family pair (the local MariaDB, which has TLS off). */
class MySqlDoctorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    private final FakeSsm ssm = new FakeSsm(clock);
    private final FakeEcs ecs = new FakeEcs(clock);
    private MariaDbServer server;
    private String db;
    private String blue;
    private String green;

    @BeforeEach
    void setUp() throws Exception {
        server = MariaDbServer.fromEnvironment();
        db = server.createDatabase(DbNames.unique("app"));
        blue = server.createUser(DbNames.unique("blue"), "%", "Blue-password-123456");
        green = server.createUser(DbNames.unique("green"), "%", "Green-password-123456");
        admin("CREATE TABLE " + db + ".orders (id int)");
        for (String user : List.of(blue, green)) {
            admin("GRANT SELECT, INSERT ON " + db + ".* TO '" + user + "'@'%'");
        }
        secret("app-blue", "blue", blue, "Blue-password-123456");
        clock.advance(Duration.ofDays(15));
        secret("app-green", "green", green, "Green-password-123456");
        ssm.putParameter(b -> b.name("/app/active").value("blue").type(ParameterType.STRING));
        clock.advance(Duration.ofMinutes(5));
        ecs.createService("prod", "web", 2);
        clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() throws SQLException {
        server.close();
    }

    @Test
    void aHealthyPairPassesAndTlsOffIsAWarning() throws Exception {
        Map<String, String> levels = doctor();
        assertEquals("PASS", levels.get("login"));
        assertEquals("PASS", levels.get("grants"));
        assertEquals("PASS", levels.get("sessions"));
        assertEquals("WARN", levels.get("tls"));
        assertFalse(levels.containsValue("FAIL"), levels.toString());
    }

    @Test
    void grantDriftAndALiveSessionOnTheInactiveUserFail() throws Exception {
        admin("GRANT DELETE ON " + db + ".* TO '" + green + "'@'%'");
        try (Connection session = server.connect(green, "Green-password-123456", db)) {
            Map<String, String> levels = doctor();
            assertEquals("FAIL", levels.get("grants"));
            assertEquals("FAIL", levels.get("sessions"));
        }
    }

    @Test
    void aDatabaseWithoutTlsFailsTheTlsCheckWhenTheSecretAsksForIt() throws Exception {
        String withTls = value(green, "Green-password-123456", true);
        secrets.putSecretValue(b -> b.secretId("app-green").secretString(withTls));
        Map<String, String> levels = doctor();
        assertEquals("FAIL", levels.get("tls"));
    }

    /** The worst level of each check. */
    @SuppressWarnings("unchecked")
    private Map<String, String> doctor() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(() -> new AwsClients(secrets, ssm, ecs),
                Map.of("POINTER_PARAMETER", "/app/active", "ECS_CLUSTER", "prod", "ECS_SERVICES", "web"), clock,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        BluegreenCli.run(context, "doctor", "--blue", "app-blue", "--green", "app-green", "--json");
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("Blue-password-123456") || text.contains("Green-password-123456"), "a password was printed");
        Map<String, String> levels = new LinkedHashMap<>();
        for (Map<String, Object> check : (List<Map<String, Object>>) JSON.std.mapFrom(text).get("checks")) {
            levels.merge((String) check.get("check"), (String) check.get("status"),
                    (a, b) -> a.equals("FAIL") || b.equals("FAIL") ? "FAIL" : a.equals("WARN") || b.equals("WARN") ? "WARN" : "PASS");
        }
        return levels;
    }

    private String value(String user, String password, boolean ssl) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("engine", "mariadb");
        value.put("host", server.host());
        value.put("port", server.port());
        value.put("username", user);
        value.put("password", password);
        value.put("dbname", db);
        value.put("ssl", ssl);
        return JSON.std.asString(value);
    }

    private void secret(String name, String slot, String user, String password) throws Exception {
        String arn = secrets.createSecret(name, value(user, password, false));
        secrets.tagResource(b -> b.secretId(arn).tags(t -> t.key("bluegreen:slot").value(slot)));
        secrets.enableRotation(arn, "arn:aws:lambda:us-east-1:123456789012:function:bluegreen-rotator", "rate(30 days)");
    }

    private void admin(String... statements) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
