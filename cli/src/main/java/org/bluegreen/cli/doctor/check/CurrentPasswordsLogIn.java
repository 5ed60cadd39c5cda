package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.doctor.PerSlotCheck;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Each slot's AWSCURRENT credentials log in: the app reads AWSCURRENT after every switch, and a self-service
 * rotation logs in with it to change the password. When it does not, says which other version does. A secret with
 * {@code masterarn} is rotated as that admin (it counts the user's sessions and changes the password), so the
 * admin must log in to the slot's database too.
 */
public final class CurrentPasswordsLogIn implements PerSlotCheck {

    @Override
    public String name() {
        return "login";
    }

    @Override
    public List<CheckResult> run(Facts facts) {
        List<CheckResult> results = new ArrayList<>(PerSlotCheck.super.run(facts));
        for (Role role : Role.values()) {
            admin(facts, role).ifPresent(results::add);
        }
        return results;
    }

    @Override
    public CheckResult check(Facts facts, Role role) {
        String secret = facts.meta(role).name();
        DbSecret current;
        try {
            current = facts.current(role);
        } catch (NotChecked e) {
            return CheckResult.fail(name(), e.getMessage(), "make AWSCURRENT of " + secret + " readable and valid");
        }
        String who = quote(current.username()) + " at " + DatabaseAccess.endpoint(current);
        DatabaseAccess.Attempt attempt = facts.login(role);
        switch (attempt.outcome()) {
            case LOGGED_IN:
                return CheckResult.pass(name(), who + " logs in with AWSCURRENT of " + secret);
            case WRONG_PASSWORD:
                String other = otherVersionThatLogsIn(facts, role);
                return CheckResult.fail(name(), "the database rejects the AWSCURRENT password of " + secret + " for " + who
                                + (other == null ? "" : "; the " + other + " password logs in"),
                        other == null
                                ? "a new pair: run `bluegreen bootstrap` for it; else set the password of " + quote(current.username())
                                + " to the AWSCURRENT value of " + secret + " as an admin (then rotate that slot to get a fresh one)"
                                : "run `bluegreen recover` for this pair: a rotation stopped midway");
            default:
                return CheckResult.fail(name(), "cannot log in as " + who + ": " + attempt.detail(),
                        "check that the database is up and reachable from here (security groups, routes) and the secret's"
                                + " host, port and dbname");
        }
    }

    /** The admin's login, as the rotation of {@code role}'s secret makes it; empty without {@code masterarn}. */
    private Optional<CheckResult> admin(Facts facts, Role role) {
        String secret = facts.meta(role).name();
        DbSecret current;
        try {
            current = facts.current(role);
        } catch (NotChecked e) {
            return Optional.empty(); // the user's own line says why
        }
        if (current.masterArn() == null) {
            return Optional.empty();
        }
        DbSecret admin;
        try {
            admin = facts.admin(role).orElseThrow();
        } catch (NotChecked e) {
            return Optional.of(CheckResult.fail(name(), e.getMessage(),
                    "make the admin secret that masterarn of " + secret + " names readable and valid (username, password)"));
        }
        String who = "admin " + quote(admin.username()) + " (masterarn of " + secret + ") at " + DatabaseAccess.endpoint(admin);
        DatabaseAccess.Attempt attempt = facts.database().attempt(admin);
        return Optional.of(switch (attempt.outcome()) {
            case LOGGED_IN -> CheckResult.pass(name(), who + " logs in: rotations of " + secret + " change the password as it");
            case WRONG_PASSWORD -> CheckResult.fail(name(), "the database rejects the password of " + who,
                    "set the admin's password to the value of its secret: rotations of " + secret + " fail until then");
            default -> CheckResult.fail(name(), "cannot log in as " + who + ": " + attempt.detail(),
                    "check that the admin may connect to the database " + DatabaseAccess.endpoint(admin)
                            + " (CONNECT, pg_hba.conf, its host part on MySQL)");
        });
    }

    /** Which of AWSPENDING and AWSPREVIOUS the database accepts, if either: it tells where a rotation stopped. */
    private static String otherVersionThatLogsIn(Facts facts, Role role) {
        for (Stage stage : List.of(Stage.PENDING, Stage.PREVIOUS)) {
            try {
                if (facts.labelled(role, stage).map(s -> facts.database().attempt(s).loggedIn()).orElse(false)) {
                    return stage.label();
                }
            } catch (NotChecked e) {
                // that version is unreadable: it cannot be the one that logs in
            }
        }
        return null;
    }
}
