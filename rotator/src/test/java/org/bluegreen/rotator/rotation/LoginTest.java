package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class LoginTest {

    private static final String ADMIN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf";
    private static final List<DbEndpoint> PINNED = FunctionSettings.fromEnvironment(Map.of("DB_ENDPOINTS", "db.internal:5432/app")).dbEndpoints();

    private static DbSecret user(String password, String masterArn) {
        return DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":5432,\"username\":\"app_blue\","
                + "\"password\":\"" + password + "\",\"dbname\":\"app\"" + (masterArn == null ? "" : ",\"masterarn\":\"" + masterArn + "\"")
                + "}", "test");
    }

    @Test
    void selfServiceTriesCurrentThenPrevious() {
        DbSecret current = user("current-password", null);
        DbSecret previous = user("previous-password", null);
        List<Login> logins = Login.privileged(current, () -> fail("no admin without masterarn"), () -> Optional.of(previous));
        assertEquals(List.of(new Login(current, "AWSCURRENT"), new Login(previous, "AWSPREVIOUS")), logins);
    }

    /** A rotation that failed after setSecret left the database with the pending password: its retry must log in. */
    @Test
    void selfServiceTriesCurrentThenThisRotationsPendingThenPrevious() {
        DbSecret current = user("current-password", null);
        DbSecret pending = user("pending-password", null);
        DbSecret previous = user("previous-password", null);
        List<Login> logins = Login.privileged(current, () -> fail("no admin without masterarn"), () -> Optional.of(pending),
                () -> Optional.of(previous));
        assertEquals(List.of(new Login(current, "AWSCURRENT"), new Login(pending, "AWSPENDING"),
                new Login(previous, "AWSPREVIOUS")), logins);
    }

    @Test
    void aPendingOrPreviousVersionNamingAnotherLoginIsNeverTried() {
        DbSecret current = user("current-password", null);
        DbSecret elsewhere = DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"evil.example\",\"port\":5432,"
                + "\"username\":\"app_blue\",\"password\":\"pending-password\",\"dbname\":\"app\"}", "test");
        DbSecret otherUser = DbSecret.parse("{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":5432,"
                + "\"username\":\"app_green\",\"password\":\"previous-password\",\"dbname\":\"app\"}", "test");
        List<Login> logins = Login.privileged(current, () -> fail("no admin without masterarn"), () -> Optional.of(elsewhere),
                () -> Optional.of(otherUser));
        assertEquals(List.of(new Login(current, "AWSCURRENT")), logins);
    }

    @Test
    void withMasterarnOnlyTheAdmin() {
        DbSecret current = user("current-password", ADMIN_ARN);
        Login admin = Login.admin(current, "app-blue", PINNED, arn -> Optional.of("{\"username\":\"root\",\"password\":\"admin-password\"}"))
                .orElseThrow();
        List<Login> logins = Login.privileged(current, () -> admin, () -> fail("AWSPREVIOUS is not read in admin mode"));
        assertEquals(List.of(admin), logins);
        assertEquals("masterarn", admin.label());
        assertEquals("root", admin.secret().username());
        assertEquals("db.internal", admin.secret().host(), "the admin logs in to the pinned endpoint the user names");
    }

    @Test
    void adminWithoutValueNamesTheAdminSecret() {
        RotationException e = assertThrows(RotationException.class,
                () -> Login.admin(user("current-password", ADMIN_ARN), "app-blue", PINNED, arn -> Optional.empty()));
        assertEquals("admin secret '" + ADMIN_ARN + "' (masterarn of 'app-blue') has no AWSCURRENT value", e.getMessage());
    }

    @Test
    void noAdminWithoutMasterarn() {
        assertTrue(Login.admin(user("current-password", null), "app-blue", PINNED, arn -> fail("nothing to read")).isEmpty());
    }
}
