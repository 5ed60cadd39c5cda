package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.EngineRefusal;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine's refusal (the account as it stands must not be changed) reaches the step as a typed {@link Refusal}; any
 * other database error stays a failure. The real engines' refusals on real servers are in MySqlEngineTest and the
 * MySQL scenarios.
 */
class EngineRefusalMappingTest {

    @Test
    void everyEngineRefusalIsARefusalAboutTheUser() {
        for (EngineRefusal.Reason reason : EngineRefusal.Reason.values()) {
            EngineRefusal cause = new EngineRefusal(reason, "no account with user name 'app_blue'");
            RotationException e = DatabaseAccess.failure("cannot change the password of 'app_blue'", cause);
            Refusal refusal = assertInstanceOf(Refusal.class, e, reason.name());
            assertEquals(Refusal.Reason.PROTECTED_USER, refusal.reason(), reason.name());
            assertSame(cause, refusal.getCause());
            assertEquals("refused: cannot change the password of 'app_blue': no account with user name 'app_blue'",
                    refusal.getMessage());
        }
    }

    @Test
    void anyOtherDatabaseErrorIsAFailure() {
        RotationException e = DatabaseAccess.failure("cannot connect", new SQLException("connection refused", "08001"));
        assertFalse(e instanceof Refusal);
        assertTrue(e.getMessage().contains("connection refused (SQLState 08001)"), e.getMessage());
    }
}
