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
        assertEquals("x: field 'port' must be a whole number from 1 to 65535 (a JSON integer or a string of digits)",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
    }

    @Test
    void aNonBooleanSslIsRejected() {
        String json = "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"ssl\":\"maybe\"}";
        assertEquals("x: field 'ssl' must be true or false",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294972728", "5432.9", "5432.0", "5432e0", "\"5432.9\"", "\" 5432\"", "\"+5432\"", "\"\"",
            "true", "[5432]", "{}", "\"0x1538\"", "\"005432\""})
    void aPortIsAWholeNumberInRangeAndNothingElse(String port) {
        String json = "{\"engine\":\"postgres\",\"host\":\"h\",\"port\":" + port + ",\"username\":\"u\",\"password\":\"p\"}";
        assertEquals("x: field 'port' must be a whole number from 1 to 65535 (a JSON integer or a string of digits)",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
    }

    @Test
    void aDuplicateKeyIsNamedAsSuch() {
        String json = "{\"engine\":\"postgres\",\"host\":\"h\",\"port\":5432,\"username\":\"u\",\"password\":\""
                + PASSWORD + "\",\"port\":6543}";
        assertEquals("x: field 'port' appears more than once",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(json, "x")).getMessage());
        String nested = FULL.replace("\"extra\":\"kept\"", "\"extra\":{\"a\":1,\"a\":2}");
        assertEquals("x: field 'extra' holds an object with a key that appears more than once",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(nested, "x")).getMessage());
    }

    @Test
    void unknownFieldsAreKeptExactlyNullsIncluded() {
        String unknown = "\"extra\":null,\"n\":1.50,\"big\":12345678901234567890,\"o\":{\"k\":null,\"l\":[1, null,\"\\u00e9\"]}";
        String json = FULL.replace("\"extra\":\"kept\"", unknown);
        String rotated = DbSecret.parse(json, "test").withPassword("n3w-password-value").toJson();
        assertTrue(rotated.endsWith("\"ssl\":true," + unknown + "}"), rotated);
        assertEquals(json.replace(PASSWORD, "n3w-password-value"), rotated, "only the password changed, byte for byte");
    }

    @Test
    void textAfterTheObjectIsRefused() {
        assertEquals("x: the secret value has text after its JSON object",
                assertThrows(InvalidSecretException.class, () -> DbSecret.parse(FULL + "{}", "x")).getMessage());
    }

    @Test
    void loginAsKeepsTheEngineAndDropsMasterArn() {
        DbSecret login = DbSecret.parse(FULL, "user").loginAs("admin.internal", 0, null, true, "admin", "adminpw", "admin");
        assertEquals("admin", login.username());
        assertEquals("adminpw", login.password());
        assertEquals("admin.internal", login.host());
        assertEquals(0, login.port());
        assertNull(login.dbname());
        assertNull(login.masterArn());
        assertEquals("postgres", login.engine());
    }
}
