package org.bluegreen.stack;

import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The users sql/postgresql/setup.sql makes start every session as the shared owner role. The rotation must still
 * verify the login (session_user) and let a user change its own password (SET ROLE NONE first); and after both
 * slots rotated, each user still works on the objects the other created.
 */
class RotationOfSetupSqlUsersTest {

    @Test
    void selfServiceRotationOfBothSlots() throws Exception {
        PostgresTestDatabase db = new PostgresTestDatabase();
        String blue = db.trackRole(DbNames.unique("bg_blue"));
        String green = db.trackRole(DbNames.unique("bg_green"));
        String owner = db.trackRole(DbNames.unique("bg_owner"));
        Shell.Result setup = PostgresSetupSqlTest.setup(db.dbname(), "blue_user=" + blue, "green_user=" + green,
                "owner_role=" + owner);
        assertEquals(0, setup.exit(), setup.all());
        String bluePassword = BlueGreenPair.newPassword();
        String greenPassword = BlueGreenPair.newPassword();
        PasswordCheckingPostgres.shared().setPassword(blue, bluePassword);
        PasswordCheckingPostgres.shared().setPassword(green, greenPassword);
        try (Connection g = db.connect(green, greenPassword); Statement s = g.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY)");
            s.execute("INSERT INTO orders VALUES (1)");
        }

        try (BlueGreenPair p = BlueGreenPair.forExistingUsers(db, blue, bluePassword, green, greenPassword)) {
            p.rotate(p.blueArn);
            p.rolloutsComplete();
            p.clock.advance(Duration.ofDays(14));
            p.rotate(p.greenArn);

            String blueNow = p.password(p.blueArn, "AWSCURRENT");
            String greenNow = p.password(p.greenArn, "AWSCURRENT");
            assertFalse(db.logsIn(blue, bluePassword));
            assertFalse(db.logsIn(green, greenPassword));
            assertEquals("green", p.pointer().value());
            try (Connection b = db.connect(blue, blueNow); Statement s = b.createStatement()) {
                s.execute("INSERT INTO orders VALUES (2)");
                s.execute("ALTER TABLE orders ADD COLUMN note text");
            }
            try (Connection g = db.connect(green, greenNow); Statement s = g.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), current_user FROM orders GROUP BY current_user")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1), "green reads what blue wrote");
                assertEquals(owner, rs.getString(2), "sessions still run as the shared owner role");
            }
        }
    }
}
