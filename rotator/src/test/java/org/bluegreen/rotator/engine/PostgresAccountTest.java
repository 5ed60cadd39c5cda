package org.bluegreen.rotator.engine;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A PostgreSQL account for statements that name one is the role's name as a quoted identifier. */
class PostgresAccountTest {

    @Test
    void isTheRoleNameQuotedWithItsQuotesDoubled() throws SQLException {
        DatabaseEngine postgres = Engines.forName("postgres");
        assertEquals("\"app_blue\"", postgres.account(null, "app_blue"));
        assertEquals("\"a\"\"; DROP ROLE x; --\"", postgres.account(null, "a\"; DROP ROLE x; --"));
    }
}
