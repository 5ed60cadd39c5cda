package org.bluegreen.rotator.rotation;

import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Credentials to log in with, and where they came from (for messages: {@code AWSCURRENT}, {@code masterarn}, ...).
 * The rule for who logs in for privileged work lives here, once, for the rotation and the operator CLI alike.
 */
public record Login(DbSecret secret, String label) {

    /** The label of the admin from the user secret's {@code masterarn}. */
    public static final String ADMIN = "masterarn";

    /**
     * The admin from the user's {@code masterarn}, logging in to the user's endpoint; empty without masterarn.
     *
     * @param secretName   the user's secret, for messages
     * @param pins         the function's {@code DB_ENDPOINTS} (see {@link AdminLogin})
     * @param currentValue reads the AWSCURRENT value of a secret by ARN; empty when it has none
     */
    public static Optional<Login> admin(DbSecret user, String secretName, List<DbEndpoint> pins,
                                        Function<String, Optional<String>> currentValue) {
        if (user.masterArn() == null) {
            return Optional.empty();
        }
        String what = "admin secret " + quote(user.masterArn()) + " (masterarn of " + quote(secretName) + ")";
        String json = currentValue.apply(user.masterArn())
                .orElseThrow(() -> new RotationException(what + " has no AWSCURRENT value"));
        return Optional.of(new Login(AdminLogin.of(user, json, pins, what), ADMIN));
    }

    /**
     * Who changes the user's password and counts its sessions, in the order to try: the admin when the secret has
     * {@code masterarn}; else the user itself with the passwords the database may hold now: AWSCURRENT, then this
     * rotation's AWSPENDING (a rotation that failed after setSecret changed the password: its retry must still log
     * in), then AWSPREVIOUS (an interrupted rotation, a password restored by hand). A pending or previous version is
     * tried only where it names the same login as AWSCURRENT (user, host, port, database): a password goes to no
     * other endpoint. {@code pending} and {@code previous} are read only when needed.
     */
    public static List<Login> privileged(DbSecret current, Supplier<Login> admin, Supplier<Optional<DbSecret>> pending,
                                         Supplier<Optional<DbSecret>> previous) {
        if (current.masterArn() != null) {
            return List.of(admin.get());
        }
        List<Login> candidates = new ArrayList<>(List.of(new Login(current, Stage.CURRENT.label())));
        pending.get().filter(p -> p.sameLoginTargetAs(current))
                .ifPresent(p -> candidates.add(new Login(p, Stage.PENDING.label())));
        previous.get().filter(p -> p.sameLoginTargetAs(current))
                .ifPresent(p -> candidates.add(new Login(p, Stage.PREVIOUS.label())));
        return candidates;
    }

    /** {@link #privileged(DbSecret, Supplier, Supplier, Supplier)} outside a rotation, where no pending version counts. */
    public static List<Login> privileged(DbSecret current, Supplier<Login> admin, Supplier<Optional<DbSecret>> previous) {
        return privileged(current, admin, Optional::empty, previous);
    }

    @Override
    public String toString() {
        return "Login[" + label + ": " + secret + "]";
    }
}
