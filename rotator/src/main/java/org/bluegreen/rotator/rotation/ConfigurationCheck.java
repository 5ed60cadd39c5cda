package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * testSecret when Secrets Manager tests the configuration instead of rotating: RotateSecret with
 * {@code RotateImmediately=false}, which is how the template's schedules are created, on a pair whose users may not
 * have their secrets' passwords yet. It writes nothing. It fails, naming the problem, on what would make the next
 * rotation fail and can be seen now: a secret that does not parse, a missing pointer, a missing service, a database
 * that does not answer over the configured TLS mode, an admin that cannot log in or may not change the user. A user
 * whose AWSCURRENT password does not log in yet is a warning that says to bootstrap the pair.
 */
final class ConfigurationCheck {

    private final PointerParameter pointer;
    private final EcsServices ecs;
    private final DatabaseAccess database;

    ConfigurationCheck(PointerParameter pointer, EcsServices ecs, DatabaseAccess database) {
        this.pointer = pointer;
        this.ecs = ecs;
        this.database = database;
    }

    /**
     * Whether testSecret runs as a configuration test. Its pending version has no value, or holds a copy of
     * AWSCURRENT's (what AWS showed a Lambda during this test: docs/aws-evidence.md). A rotation's testSecret always
     * follows a createSecret that stored a new password.
     */
    static boolean isOne(Optional<String> pendingValue, String currentValue) {
        return pendingValue.isEmpty() || pendingValue.get().equals(currentValue);
    }

    /**
     * @param log     the invocation's log (it masks what the invocation read and names the secret on each line)
     * @param slots   the pair this secret is a slot of (the pointer must name one of its two slots)
     * @param current this secret's AWSCURRENT value, parsed
     * @param admin   the admin login from {@code masterarn}, read only when the secret has one
     * @return the step's outcome; warnings are logged, each on its own line
     */
    String run(JsonLog log, String secretName, PairConfig pair, SlotPair slots, DbSecret current, boolean pendingEmpty,
               Supplier<Login> admin) {
        PointerState p = pointer.read(pair.pointerParameter());
        if (p.slot().isEmpty()) {
            throw new RotationException("pointer " + quote(p.name()) + " is empty: set it to the slot the app uses now");
        }
        if (!p.slot().equals(slots.slot()) && !p.slot().equals(slots.peerSlot())) {
            throw new RotationException("pointer " + quote(p.name()) + " names " + quote(p.slot()) + ", which is neither slot of this"
                    + " pair (" + quote(slots.slot()) + ", " + quote(slots.peerSlot()) + "): set it to the slot the app uses now");
        }
        int services = ecs.describe(pair.cluster(), pair.services()).size();

        if (current.masterArn() != null) {
            adminMayChange(admin.get(), current, secretName);
        }
        boolean logsIn = database.logsIn(current);
        if (!logsIn) {
            String warning = "user " + quote(current.username()) + " does not log in with the AWSCURRENT password of secret "
                    + quote(secretName) + " yet (a pair never bootstrapped): run the operator CLI's `bootstrap` for this pair"
                    + " (docs/deployment.md, step 5) before the first rotation; "
                    + (current.masterArn() != null
                    ? "a rotation would set it as the admin, but the app cannot log in as slot " + quote(pair.slot()) + " until then"
                    : "until then a rotation of this slot cannot log in as the user to change its password");
            log.warn("testSecret").with("slot", pair.slot()).with("detail", warning).write();
        }
        if (current.masterArn() != null || logsIn) {
            warnOfPlaintextPassword(log, pair, current.masterArn() != null ? admin.get() : new Login(current, "AWSCURRENT"),
                    current);
        }
        return "configuration test passed (pending version " + (pendingEmpty ? "empty" : "a copy of AWSCURRENT")
                + ": nothing rotated, nothing written): pointer " + quote(p.name()) + " names " + quote(p.slot())
                + (p.slot().equals(pair.slot()) ? " (this slot: its rotations are refused while the app uses it)" : "")
                + ", " + services + " service(s) found, "
                + (current.masterArn() != null ? "the admin may change " + quote(current.username()) + ", " : "")
                + quote(current.username()) + " " + (logsIn ? "logs in" : "does not log in yet (warning logged)");
    }

    /** Where the engine must send the new password as it is (e.g. MariaDB's ed25519), the operator hears it now. */
    private void warnOfPlaintextPassword(JsonLog log, PairConfig pair, Login asker, DbSecret user) {
        try (Connection c = database.open(asker)) {
            DatabaseAccess.engine(user).plaintextPasswordChange(c, user.username()).ifPresent(why ->
                    log.warn("testSecret").with("slot", pair.slot()).with("detail", "each rotation will send the new"
                            + " password of " + quote(user.username()) + " to the database in plaintext: " + why).write());
        } catch (SQLException e) {
            throw DatabaseAccess.failure("cannot read how " + quote(user.username()) + " authenticates", e);
        }
    }

    private void adminMayChange(Login admin, DbSecret user, String secretName) {
        String who = "admin " + quote(admin.secret().username()) + " (masterarn of secret " + quote(secretName) + ")";
        try (Connection c = database.open(admin)) {
            Optional<String> why = DatabaseAccess.engine(user).whyAdminCannotChangePassword(c, user.username());
            if (why.isPresent()) {
                throw new RotationException(who + " cannot rotate " + quote(user.username()) + ": " + why.get());
            }
        } catch (SQLException e) {
            throw DatabaseAccess.failure("cannot read what " + who + " may do", e);
        }
    }
}
