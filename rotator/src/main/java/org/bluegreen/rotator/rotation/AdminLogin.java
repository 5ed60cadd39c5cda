package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.AdminSecret;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: the admin's password goes only to the endpoint the admin secret names itself, or, for an admin secret with
 * no host (the RDS-managed {@code rds!} secret), to one the function's configuration pins ({@code DB_ENDPOINTS}).
 * The slot's secret never chooses it, and TLS is never weaker than either secret asks for: a slot secret with
 * {@code "ssl": false} cannot turn TLS off for the admin.
 */
public final class AdminLogin {

    private AdminLogin() {
    }

    /**
     * The admin logging in to the slot's database.
     *
     * @param slot      the slot's secret
     * @param adminJson the admin secret's value
     * @param pins      {@code DB_ENDPOINTS}; the slot's secret must name one of them when there are any (the rotation
     *                  always has them, see {@link PinnedEndpoint})
     * @param what      names the admin secret in messages
     * @throws Refusal when the admin's password could go to an endpoint nothing trusted names
     */
    public static DbSecret of(DbSecret slot, String adminJson, List<DbEndpoint> pins, String what) {
        DatabaseEngine engine = Engines.forName(slot.engine());
        AdminSecret admin = AdminSecret.parse(adminJson, what);
        if (!pins.isEmpty()) {
            PinnedEndpoint.check(slot, pins, engine, "the secret whose masterarn names " + what);
        }
        boolean ssl = admin.ssl() == null || admin.ssl() || slot.ssl();
        if (admin.host() == null) {
            if (pins.isEmpty()) {
                throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, what + " names no host (as RDS-managed secrets do) and the"
                        + " function's DB_ENDPOINTS pins none, so nothing the rotation may trust says where its password"
                        + " may go; set DB_ENDPOINTS to the database's host:port/dbname");
            }
            return slot.loginAs(slot.host(), slot.port(), slot.dbname(), ssl, admin.username(), admin.password(), what);
        }
        int adminPort = admin.port() == 0 ? engine.defaultPort() : admin.port();
        int slotPort = slot.port() == 0 ? engine.defaultPort() : slot.port();
        if (!admin.host().equalsIgnoreCase(slot.host()) || adminPort != slotPort) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, what + " is for " + quote(admin.host() + ":" + adminPort)
                    + ", but the slot's secret names " + quote(slot.host() + ":" + slotPort)
                    + "; the admin's password goes only to its own endpoint");
        }
        return slot.loginAs(admin.host(), adminPort, admin.dbname() != null ? admin.dbname() : slot.dbname(), ssl,
                admin.username(), admin.password(), what);
    }
}
