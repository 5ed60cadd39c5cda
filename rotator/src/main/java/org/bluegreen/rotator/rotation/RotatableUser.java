package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: the rotation changes exactly one login, the slot's own user, and only a user that is safe to change. Checked
 * before any write, on every version the steps act on: the user named must be the one the slot's tags pin, never the
 * admin's or the other slot's, a name the engine keeps as given, and (asked of the database) a login without
 * administrative power.
 */
public final class RotatableUser {

    private RotatableUser() {
    }

    /**
     * The checks that need no database.
     *
     * @param adminUser the admin's user name in admin mode, else null
     * @param what      names the secret version in messages
     */
    public static void checkName(DbSecret secret, SlotPair pair, String adminUser, DatabaseEngine engine, String what) {
        String user = secret.username();
        if (user.equals(adminUser)) {
            throw refused(what + " names user " + quote(user) + ", the admin's own user (masterarn); the rotation never changes it");
        }
        if (user.equals(pair.peerUsername())) {
            throw refused(what + " names user " + quote(user) + ", the user of the other slot " + quote(pair.peerSlot())
                    + "; the rotation never changes it");
        }
        if (!user.equals(pair.username())) {
            throw refused(what + " names user " + quote(user) + ", but slot " + quote(pair.slot()) + " is pinned to user "
                    + quote(pair.username()) + " (tag bluegreen:username)");
        }
        Optional<String> problem = engine.userNameProblem(user);
        if (problem.isPresent()) {
            throw refused(what + ": " + problem.get());
        }
    }

    /** The checks the database answers, on a session of the admin or of the user itself. */
    public static void checkRole(DatabaseEngine engine, Connection session, String user, String what) {
        List<String> problems;
        try {
            problems = engine.unsafeToRotate(session, user);
        } catch (SQLException e) {
            throw DatabaseAccess.failure("cannot check that " + quote(user) + " is safe to rotate", e);
        }
        if (!problems.isEmpty()) {
            throw refused(what + " names a user the rotation must not change: " + String.join("; ", problems));
        }
    }

    private static Refusal refused(String problem) {
        return new Refusal(Refusal.Reason.PROTECTED_USER, problem);
    }
}
