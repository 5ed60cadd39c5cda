package org.bluegreen.rotator.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Whether the connected admin may change a user's password, read from the catalog without changing anything. */
final class MySqlAdminRights {

    private MySqlAdminRights() {
    }

    static Optional<String> whyNot(Connection asAdmin, String username) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(asAdmin);
        MySqlAccounts.Account account;
        try {
            account = MySqlAccounts.find(asAdmin, s, username);
            MySqlPasswordChange.refuseUnloadedNativePlugin(asAdmin, s, account);
        } catch (EngineRefusal e) {
            return Optional.of(e.getMessage());
        }
        // The statement the password change will choose: MariaDB's SET PASSWORD FOR (unless the account is on the native
        // plugin alone) needs UPDATE on the mysql schema; ALTER USER needs CREATE USER or that UPDATE. Privileges that
        // come through an active role do not show here: then nothing is claimed.
        boolean setPasswordFor = s.mariaDb() && MySqlPasswordChange.mariaDbForm(asAdmin, account.sql(), account.user(),
                account.host()) != MySqlPasswordChange.MariaDbForm.NATIVE_ONLY;
        String sql = "SELECT"
                + " (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = g.grantee AND PRIVILEGE_TYPE = 'CREATE USER'),"
                + " (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = g.grantee AND PRIVILEGE_TYPE = 'UPDATE')"
                + " + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = g.grantee"
                + "   AND TABLE_SCHEMA = 'mysql' AND PRIVILEGE_TYPE = 'UPDATE'),"
                + " COALESCE(CURRENT_ROLE(), 'NONE'), CURRENT_USER()"
                + " FROM (SELECT CONCAT('''', SUBSTRING(CURRENT_USER(), 1, CHAR_LENGTH(CURRENT_USER())"
                + "   - CHAR_LENGTH(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)) - 1), '''@''',"
                + "   SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''') AS grantee) g";
        try (PreparedStatement ps = asAdmin.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            boolean createUser = rs.getInt(1) > 0;
            boolean updateMysql = rs.getInt(2) > 0;
            if (!"NONE".equalsIgnoreCase(rs.getString(3)) || updateMysql || (createUser && !setPasswordFor)) {
                return Optional.empty();
            }
            String admin = "admin " + rs.getString(4);
            return Optional.of(setPasswordFor
                    ? admin + " has no UPDATE on the mysql schema, which MariaDB's SET PASSWORD FOR needs to change "
                    + account + " (an account not on " + MySqlPasswordChange.NATIVE_PLUGIN + " alone, or one whose"
                    + " definition it cannot read)"
                    : admin + " has neither the global CREATE USER privilege nor UPDATE on the mysql schema:"
                    + " it may not change other accounts' passwords");
        }
    }
}
