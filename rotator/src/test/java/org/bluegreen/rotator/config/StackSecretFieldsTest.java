package org.bluegreen.rotator.config;

import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackSecretFields: the connection fields the stack says a slot's secret must hold, and what writing them changes. */
class StackSecretFieldsTest {

    private static final String ADMIN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbCdEf";
    private static final Map<String, String> TAGS = Map.of("bluegreen:slot", "blue", "bluegreen:username", "app_blue",
            "bluegreen:peer-secret", "myapp/db/green");

    private static final Map<String, String> STACK = Map.of("DB_ENGINE", "postgres", "DB_ENDPOINTS", "db.example.com:5432/appdb",
            "MASTER_SECRET_ARN", ADMIN);

    private static FunctionSettings settings(String... changes) {
        return Environments.settings(STACK, changes);
    }

    @Test
    void theStackSaysEngineEndpointUserAndAdmin() {
        StackSecretFields f = StackSecretFields.of(settings(), "myapp/db/blue", TAGS);
        assertEquals(new StackSecretFields("postgres", "db.example.com", 5432, "appdb", "app_blue", ADMIN), f);
        assertNull(StackSecretFields.of(settings("MASTER_SECRET_ARN", null), "myapp/db/blue", TAGS).masterArn(),
                "self-service mode: no masterarn");
    }

    @Test
    void aPasswordOnlySecretIsCompletedAndKeepsItsPasswordAndUnknownFields() {
        String generated = "{\"password\":\"p-1\",\"app\":{\"pool\":5}}";
        assertTrue(DbSecret.namesNoConnection(generated, "AWSCURRENT"));
        StackSecretFields f = StackSecretFields.of(settings(), "myapp/db/blue", TAGS);

        DbSecret completed = f.applyTo(generated, "AWSCURRENT");

        assertEquals("{\"password\":\"p-1\",\"app\":{\"pool\":5},\"host\":\"db.example.com\",\"port\":5432,\"dbname\":\"appdb\","
                + "\"engine\":\"postgres\",\"username\":\"app_blue\",\"masterarn\":\"" + ADMIN + "\"}", completed.toJson());
        assertTrue(completed.ssl(), "ssl is not a stack field: the default (TLS) stays");
        assertEquals(List.of("engine", "host", "port", "dbname", "username", "masterarn"), f.fieldsToWrite(generated, "AWSCURRENT"));
        assertFalse(DbSecret.namesNoConnection(completed.toJson(), "AWSCURRENT"));
        assertEquals(List.of(), f.fieldsToWrite(completed.toJson(), "AWSCURRENT"), "once written, nothing is left to write");
    }

    @Test
    void aStackUpdateThatMovesTheDatabaseChangesOnlyTheEndpoint() {
        String old = "{\"engine\":\"aurora-postgresql\",\"host\":\"old.example.com\",\"port\":\"5432\",\"username\":\"app_blue\","
                + "\"password\":\"p-1\",\"dbname\":\"appdb\",\"masterarn\":\"" + ADMIN + "\",\"ssl\":false}";
        StackSecretFields moved = StackSecretFields.of(settings("DB_ENDPOINTS", "new.example.com:6432/appdb2"), "myapp/db/blue", TAGS);

        assertEquals(List.of("host", "port", "dbname"), moved.fieldsToWrite(old, "AWSCURRENT"));
        DbSecret after = moved.applyTo(old, "AWSCURRENT");
        assertEquals("new.example.com", after.host());
        assertEquals(6432, after.port());
        assertEquals("appdb2", after.dbname());
        assertEquals("aurora-postgresql", after.engine(), "an engine of the same family is the secret's own to keep");
        assertEquals("p-1", after.password());
        assertFalse(after.ssl(), "the secret's own ssl setting stays");
        assertEquals(List.of(), StackSecretFields.of(settings(), "myapp/db/blue", TAGS)
                .fieldsToWrite(old.replace("old.example.com", "DB.example.com"), "AWSCURRENT"), "host names ignore case");
    }

    @Test
    void aForgedUserOrAdminIsKeptForTheRulesToRefuseNeverSilentlyReplaced() {
        String forged = "{\"engine\":\"postgres\",\"host\":\"db.example.com\",\"port\":5432,\"dbname\":\"appdb\","
                + "\"username\":\"app_green\",\"password\":\"p-1\",\"masterarn\":\"myapp/db/green\"}";
        DbSecret applied = StackSecretFields.of(settings(), "myapp/db/blue", TAGS).applyTo(forged, "AWSCURRENT");
        assertEquals("app_green", applied.username());
        assertEquals("myapp/db/green", applied.masterArn());
    }

    @Test
    void whatTheStackDoesNotSayIsNamed() {
        assertEquals("secret 'myapp/db/blue': the stack's connection fields are unknown: the function's DB_ENGINE is not set"
                + " (the template sets it from DbEngine)", assertThrows(ConfigurationException.class,
                () -> StackSecretFields.of(settings("DB_ENGINE", null), "myapp/db/blue", TAGS)).getMessage());
        assertTrue(assertThrows(ConfigurationException.class, () -> StackSecretFields.of(
                settings("DB_ENDPOINTS", "a.example.com:5432/x,b.example.com:5432/y"), "myapp/db/blue", TAGS))
                .getMessage().contains("must pin exactly one database"));
        assertTrue(assertThrows(ConfigurationException.class, () -> StackSecretFields.of(settings(), "myapp/db/blue",
                Map.of("bluegreen:slot", "blue"))).getMessage().endsWith("it has no tag bluegreen:username (the template writes it)"));
    }

    @Test
    void dbEngineAndMasterSecretArnAreCheckedWhenRead() {
        FunctionSettings s = settings();
        assertEquals("postgres", s.dbEngine());
        assertEquals(ADMIN, s.masterSecretArn());
        assertTrue(assertThrows(ConfigurationException.class, () -> settings("DB_ENGINE", "oracle")).getMessage()
                .startsWith("DB_ENGINE: engine 'oracle' is not supported"));
        assertEquals("MASTER_SECRET_ARN must be the admin secret's ARN, got 'rds-admin'",
                assertThrows(ConfigurationException.class, () -> settings("MASTER_SECRET_ARN", "rds-admin")).getMessage());
        assertNull(settings("MASTER_SECRET_ARN", " ").masterSecretArn(), "the template leaves it empty in self-service mode");
    }
}
