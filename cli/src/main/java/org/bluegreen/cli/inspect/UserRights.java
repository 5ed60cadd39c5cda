package org.bluegreen.cli.inspect;

import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.engine.Engines;

import java.sql.SQLException;
import java.util.SortedSet;

/** Read-only inspection of a database user's rights, for the doctor; the rotation never needs it. */
public final class UserRights {

    private UserRights() {
    }

    /**
     * The rights of {@code username} as normalised text lines, so that the blue and the green user compare equal
     * exactly when they have the same rights: the user's own attributes and settings, the roles it is a member of,
     * the privileges granted to it directly (on the connected database and its schemas, tables, views, sequences,
     * columns and functions, and default privileges for objects created later) and the objects it owns.
     *
     * <p>Contract: lines are sorted and distinct, never name {@code username} as a role (a default privilege for
     * objects the user creates says "itself"), never contain a password or hash, and do not depend on who asks.
     * {@code session} may always be logged in as the user itself, on the database the pair's secrets name; an
     * admin session works too where the engine lets it read other users' rights (PostgreSQL: any user; MySQL and
     * MariaDB: one that may read {@code mysql.user}). Rights that come through a role appear only as the
     * membership, so two users that share one role compare equal. Fails with an SQLException naming the user when
     * it does not exist.
     */
    public static SortedSet<String> of(String engine, DatabaseSession session, String username) throws SQLException {
        return switch (Engines.family(engine)) {
            case POSTGRESQL -> PostgresGrants.of(session, username);
            case MYSQL -> MySqlGrants.of(session, username);
        };
    }
}
