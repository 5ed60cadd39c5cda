package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.doctor.Check;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.inspect.UserRights;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.engine.DatabaseSession;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Blue and green have the same rights (attributes, role memberships, grants, ownership): after a switch the app
 * runs as the other user, and whatever only the old one could do breaks. The classic way this scheme fails.
 */
public final class GrantsMatch implements Check {

    /** Differences shown in the one-line message; when there are more, all of them go into the details. */
    private static final int SHOWN = 3;

    @Override
    public String name() {
        return "grants";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        DbSecret blue = facts.current(Role.BLUE);
        DbSecret green = facts.current(Role.GREEN);
        SortedSet<String> blueRights;
        SortedSet<String> greenRights;
        try {
            // Each user's rights from its own session where it logs in: MySQL lets a user read only its own grants.
            blueRights = rightsOf(facts, Role.BLUE, blue);
            greenRights = rightsOf(facts, Role.GREEN, green);
        } catch (SQLException e) {
            throw new CliException("cannot read the rights of " + quote(blue.username()) + " and " + quote(green.username()) + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
        SortedSet<String> onlyBlue = minus(blueRights, greenRights);
        SortedSet<String> onlyGreen = minus(greenRights, blueRights);
        if (onlyBlue.isEmpty() && onlyGreen.isEmpty()) {
            return List.of(CheckResult.pass(name(), quote(blue.username()) + " and " + quote(green.username()) + " have the same "
                    + blueRights.size() + " rights (attributes, memberships, grants, ownership)"));
        }
        List<String> details = new ArrayList<>();
        onlyBlue.forEach(line -> details.add("only " + quote(blue.username()) + ": " + line));
        onlyGreen.forEach(line -> details.add("only " + quote(green.username()) + ": " + line));
        String shown = String.join("; ", details.subList(0, Math.min(SHOWN, details.size())))
                + (details.size() > SHOWN ? "; and " + (details.size() - SHOWN) + " more" : "");
        return List.of(CheckResult.fail(name(), quote(blue.username()) + " and " + quote(green.username()) + " have different rights: "
                        + shown,
                "grant both users the same rights: best, grant them to one role and make both users members of it")
                .withDetails(details.size() > SHOWN ? details : List.of()));
    }

    private static SortedSet<String> rightsOf(Facts facts, Role role, DbSecret user) throws SQLException {
        try (DatabaseSession s = facts.catalogSession(role)) {
            return UserRights.of(user.engine(), s, user.username());
        }
    }

    private static SortedSet<String> minus(SortedSet<String> a, SortedSet<String> b) {
        SortedSet<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
