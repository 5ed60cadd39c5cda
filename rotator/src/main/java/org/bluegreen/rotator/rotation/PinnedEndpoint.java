package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: a slot's secret must name one of the database endpoints the function's configuration pins
 * ({@code DB_ENDPOINTS}: host, port, database). A forged host or port would otherwise receive the slot's (or the
 * admin's) password, and the app would follow the pointer to it. The rotation requires the pins; the operator CLI
 * applies the same check to the admin's login (bootstrap sets passwords as the admin) wherever it knows the pins.
 */
public final class PinnedEndpoint {

    private PinnedEndpoint() {
    }

    public static void check(DbSecret secret, List<DbEndpoint> pins, DatabaseEngine engine, String what) {
        if (pins.isEmpty()) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, "the function's DB_ENDPOINTS pins no database, so nothing"
                    + " the rotation may trust says where " + what + " may send passwords; set DB_ENDPOINTS to the"
                    + " database's host:port/dbname (the template does)");
        }
        int port = secret.port() == 0 ? engine.defaultPort() : secret.port();
        if (pins.stream().noneMatch(p -> p.matches(secret.host(), port, secret.dbname()))) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, what + " names database " + quote(secret.host() + ":" + port + "/"
                    + (secret.dbname() == null ? "" : secret.dbname())) + ", which is not one of DB_ENDPOINTS "
                    + pins.stream().map(p -> quote(p)).toList());
        }
    }
}
