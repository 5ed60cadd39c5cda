package org.bluegreen.cli.bootstrap;

import org.bluegreen.cli.bootstrap.BootstrapPlan.Need;
import org.bluegreen.cli.bootstrap.BootstrapPlan.SlotFinding;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Looks at a pair, changing nothing: which user already logs in with its secret, and who can set the others. */
public final class BootstrapPlanner {

    private final PairReader aws;
    private final DatabaseAccess db;

    public BootstrapPlanner(PairReader aws, DatabaseAccess db) {
        this.aws = aws;
        this.db = db;
    }

    public BootstrapPlan inspect(String blueId, String greenId) {
        Pair pair = aws.pair(blueId, greenId);
        List<SlotFinding> slots = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        for (Slot slot : pair.slots()) {
            slots.add(inspect(slot, blockers));
        }
        return new BootstrapPlan(List.copyOf(slots), List.copyOf(blockers));
    }

    private SlotFinding inspect(Slot slot, List<String> blockers) {
        DbSecret user = aws.current(slot.meta());
        Login admin = aws.admin(slot.settings(), slot.meta(), user).map(a -> new Login(a, Login.ADMIN)).orElse(null);
        String who = quote(user.username()) + " at " + DatabaseAccess.endpoint(user);
        DatabaseAccess.Attempt attempt = db.attempt(user);
        switch (attempt.outcome()) {
            case LOGGED_IN:
                return new SlotFinding(slot.role(), slot.name(), user, admin, Need.NOTHING,
                        who + " logs in with AWSCURRENT of " + slot.name() + ": nothing to do");
            case WRONG_PASSWORD:
                String finding = who + " does not log in with AWSCURRENT of " + slot.name() + " yet";
                if (admin == null) {
                    return new SlotFinding(slot.role(), slot.name(), user, null, Need.OPERATOR_SETS_PASSWORD,
                            finding + "; self-service mode (no masterarn): the operator sets it, see below");
                }
                adminProblem(slot, user, admin).ifPresent(blockers::add);
                return new SlotFinding(slot.role(), slot.name(), user, admin, Need.ADMIN_SETS_PASSWORD, finding);
            default:
                blockers.add("cannot check " + who + ": " + attempt.detail());
                return new SlotFinding(slot.role(), slot.name(), user, admin, Need.UNKNOWN, "cannot check " + who);
        }
    }

    /** The admin must log in and be allowed to change the user, or nothing is changed. */
    private Optional<String> adminProblem(Slot slot, DbSecret user, Login admin) {
        String adminWho = "admin " + quote(admin.secret().username()) + " (masterarn of " + slot.name() + ")";
        try (Connection c = db.open(admin)) {
            return DatabaseAccess.engine(user).whyAdminCannotChangePassword(c, user.username()).map(why -> adminWho + ": " + why);
        } catch (RotationException e) {
            return Optional.of(adminWho + " does not log in: " + e.getMessage());
        } catch (SQLException e) {
            return Optional.of("cannot read what " + adminWho + " may do: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
        }
    }
}
