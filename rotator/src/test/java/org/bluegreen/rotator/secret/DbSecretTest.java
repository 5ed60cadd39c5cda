package org.bluegreen.rotator.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbSecretTest {

    private static final String PASSWORD = "s3cr3t-P4ssw0rd-value";
    private static final String FULL = "{\"engine\":\"postgres\",\"host\":\"db.example.internal\",\"port\":5432,"
            + "\"username\":\"app_blue\",\"password\":\"" + PASSWORD + "\",\"dbname\":\"app\","
            + "\"masterarn\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf\",\"ssl\":true,"
            + "\"extra\":\"kept\"}";

    @Test
    void readsEveryFieldOfTheRdsSecretFormat() {
        DbSecret s = DbSecret.parse(FULL, "test");
        assertEquals("postgres", s.engine());
        assertEquals("db.example.internal", s.host());
        assertEquals(5432, s.port());
        assertEquals("app_blue", s.username());
        assertEquals(PASSWORD, s.password());
        assertEquals("app", s.dbname());
        assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf", s.masterArn());
        assertTrue(s.ssl());
    }

    @Test
    void withPasswordKeepsEveryOtherFieldIncludingUnknownOnes() {
        DbSecret rotated = DbSecret.parse(FULL, "test").withPassword("n3w-password-value");
        DbSecret reparsed = DbSecret.parse(rotated.toJson(), "test");
        assertEquals("n3w-password-value", reparsed.password());
        assertEquals("app_blue", reparsed.username());
        assertTrue(rotated.toJson().contains("\"extra\":\"kept\""));
    }

    @Test
    void portAndSslAcceptTheStringFormsAwsRotatorsWrite() {
        DbSecret s = DbSecret.parse("{\"engine\":\"mysql\",\"host\":\"h\",\"port\":\"3306\",\"username\":\"u\","
                + "\"password\":\"p\",\"ssl\":\"false\"}", "test");
        assertEquals(3306, s.port());
        assertFalse(s.ssl());
        assertNull(s.dbname());
        assertNull(s.masterArn());
    }

    @Test
    void missingPortMeansTheEngineDefault() {
        assertEquals(0, DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}", "t").port());
    }

    @Test
    void toStringNeverShowsThePassword() {
        String text = DbSecret.parse(FULL, "test").toString();
        assertFalse(text.contains(PASSWORD), text);
        assertTrue(text.contains("app_blue"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "username", "password", "engine"})
    void aMissingRequiredFieldIsNamed(String field) {
        String json = FULL.replace("\"" + field + "\"", "\"not_" + field + "\"");
        InvalidSecretException e = assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "AWSCURRENT of app-blue"));
        assertEquals("AWSCURRENT of app-blue: field '" + field + "' is missing or empty", e.getMessage());
    }

    @Test
    void notJsonIsRejectedWithoutQuotingTheValue() {
        String broken = "{\"password\":\"" + PASSWORD + "\", oops";
        InvalidSecretException e = assertThrows(InvalidSecretException.class, () -> DbSecret.parse(broken, "x"));
        assertEquals("x: the secret value is not valid JSON", e.getMessage());
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertEquals("x: the secret value is not a JSON object",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse("[1,2]", "x")).getMessage());
        assertEquals("x: the secret value is empty (expected a JSON object)",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(" ", "x")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "\"abc\"", "-1"})
    void badPortsAreRejected(String port) {
        String json = "{\"engine\":\"postgres\",\"host\":\"h\",\"port\":" + port + ",\"username\":\"u\",\"password\":\"p\"}";
        assertEquals("x: field 'port' must be a number from 1 to 65535",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
    }

    @Test
    void aNonBooleanSslIsRejected() {
        String json = "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"ssl\":\"maybe\"}";
        assertEquals("x: field 'ssl' must be true or false",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
    }

    @Test
    void adminLoginUsesTheAdminCredentialsOnThisEndpoint() {
        DbSecret user = DbSecret.parse(FULL, "user");
        // An RDS-managed master secret holds only username and password.
        DbSecret login = user.adminLogin("{\"username\":\"admin\",\"password\":\"adminpw\"}", "admin");
        assertEquals("admin", login.username());
        assertEquals("adminpw", login.password());
        assertEquals("db.example.internal", login.host());
        assertEquals(5432, login.port());
        assertEquals("app", login.dbname());
        assertNull(login.masterArn());
    }

    @Test
    void adminSecretOfAnotherHostIsRefused() {
        DbSecret user = DbSecret.parse(FULL, "user");
        assertEquals("admin: refused: it is for host 'other.internal', not 'db.example.internal'",
                assertThrows(InvalidSecretException.class, () -> user.adminLogin(
                        "{\"host\":\"other.internal\",\"username\":\"admin\",\"password\":\"adminpw\"}", "admin")).getMessage());
        assertEquals("admin: field 'password' is missing or empty", assertThrows(InvalidSecretException.class,
                () -> user.adminLogin("{\"username\":\"admin\"}", "admin")).getMessage());
    }
}
