package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.DrainCheck;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The user the pointer does not name has no live database sessions: the next rotation changes its password, and
 * createSecret refuses while anything is still connected as it (the rotation's own rule, {@link DrainCheck}).
 */
public final class InactiveUserIdle implements Check {

    /** A session the doctor itself just closed (the login check) can linger in the server's view for a moment. */
    private static final int LOOKS = 4;
    private static final long PAUSE_MILLIS = 250;

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        Role inactive = facts.liveRole().orElseThrow(() -> new NotChecked("the pointer names neither slot")).other();
        DbSecret user = facts.current(inactive);
        String slot = facts.slot(inactive).pointerValue();
        List<LiveSession> sessions;
        try (Connection c = facts.catalogSession(inactive)) {
            sessions = look(c, user);
        } catch (SQLException e) {
            throw new CliException("cannot list the sessions of " + quote(user.username()) + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
        if (sessions.isEmpty()) {
            return List.of(CheckResult.pass(name(), quote(user.username()) + " (inactive slot " + quote(slot) + ") has no live sessions"));
        }
        String problem = DrainCheck.sessionsProblem(user.username(), sessions) + " on the inactive slot " + quote(slot);
        String fix = "find and stop what still connects as " + quote(user.username()) + " (old tasks, jobs, consoles):"
                + " the next rotation of slot " + quote(slot) + " refuses while it is connected";
        return List.of(facts.settings().liveSessionsFail()
                ? CheckResult.fail(name(), problem, fix)
                : CheckResult.warn(name(), problem + " (LIVE_SESSION_CHECK=warn: the rotation will go ahead)", fix));
    }

    private static List<LiveSession> look(Connection c, DbSecret user) throws SQLException {
        List<LiveSession> sessions = DatabaseAccess.engine(user).liveSessions(c, user.username());
        for (int i = 1; i < LOOKS && !sessions.isEmpty(); i++) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sessions = DatabaseAccess.engine(user).liveSessions(c, user.username());
        }
        return sessions;
    }
}
