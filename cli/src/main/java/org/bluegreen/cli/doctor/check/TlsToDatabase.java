package org.bluegreen.cli.doctor.check;

import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.doctor.NotChecked;
import org.bluegreen.cli.doctor.PerSlotCheck;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.secret.DbSecret;


/**
 * Connections to the database use TLS. The engines never fall back to plaintext (that is their contract), so a
 * connection that reached authentication with TLS on proves the handshake worked; the certificate is verified only
 * with a CA bundle ({@code --ca-bundle} or {@code DB_CA_BUNDLE}), which the rotation uses the same way.
 */
public final class TlsToDatabase implements PerSlotCheck {

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public CheckResult check(Facts facts, Role role) {
        String secret = facts.meta(role).name();
        DbSecret current = facts.current(role);
        String endpoint = DatabaseAccess.endpoint(current);
        if (!current.ssl()) {
            return CheckResult.warn(name(), secret + " turns TLS off (\"ssl\": false): connections to " + endpoint + " are plaintext",
                    "enable TLS on the database and remove \"ssl\": false from " + secret);
        }
        DatabaseAccess.Attempt attempt = facts.login(role);
        if (attempt.outcome() == DatabaseAccess.Outcome.ERROR) {
            if (!attempt.tlsFailure()) {
                throw new NotChecked("cannot reach " + endpoint + " (see login)");
            }
            return CheckResult.fail(name(), "no TLS connection to " + endpoint + ": " + attempt.detail(),
                    "make the database accept TLS (ssl=on, rds.force_ssl) and give the CA bundle that signed its certificate");
        }
        if (facts.database().options().caBundle() == null) {
            return CheckResult.warn(name(), "TLS to " + endpoint + " for " + secret + ", but the server's certificate is not verified",
                    "pass --ca-bundle (or set DB_CA_BUNDLE, as for the Lambda) to the RDS CA bundle to verify it");
        }
        return CheckResult.pass(name(), "TLS to " + endpoint + " for " + secret + ", certificate verified against "
                + facts.database().options().caBundle().getFileName());
    }
}
