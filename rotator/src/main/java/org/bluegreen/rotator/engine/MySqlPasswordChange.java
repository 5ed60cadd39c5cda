package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The statement that changes a password, chosen so that the general log, slow log and binary log do not hold the new
 * password in plaintext where the engine allows that:
 * <ul>
 *   <li>accounts on {@code mysql_native_password} (MariaDB's default, and MySQL's before 8.0): the hash is computed
 *       here and sent instead of the password ({@code IDENTIFIED WITH mysql_native_password AS '*…'} as the admin,
 *       MariaDB's {@code SET PASSWORD = '*…'} as the user itself);</li>
 *   <li>MariaDB accounts with several methods ({@code VIA mysql_native_password USING … OR unix_socket}) where every
 *       method but the native one stores nothing derived from the password: {@code SET PASSWORD [FOR …] = '*…'},
 *       which sets the native method's hash and keeps the others;</li>
 *   <li>MySQL accounts on other plugins ({@code caching_sha2_password}): {@code ALTER USER … IDENTIFIED BY '…'},
 *       which MySQL rewrites in its logs (unless started with {@code --log-raw});</li>
 *   <li>other MariaDB accounts ({@code ed25519}, alone or among several methods): {@code SET PASSWORD … =
 *       PASSWORD('…')}, which keeps the account's methods; MariaDB logs it as sent, and the configuration test warns
 *       ({@link #plaintextWarning}).</li>
 * </ul>
 * See docs/mysql.md.
 */
final class MySqlPasswordChange {

    static final String NATIVE_PLUGIN = "mysql_native_password";
    /** MariaDB methods that store nothing derived from the account's password (PAM checks the system's). */
    private static final Set<String> PASSWORDLESS_METHODS = Set.of("unix_socket", "named_pipe", "gssapi", "pam");

    private MySqlPasswordChange() {
    }

    /** How a MariaDB account's new password can reach the server. */
    enum MariaDbForm {
        /** {@code mysql_native_password} alone (or no password): the native hash, computed here. */
        NATIVE_ONLY,
        /** The native method among methods that hold nothing password-derived: the native hash keeps them all. */
        NATIVE_AMONG_PASSWORDLESS,
        /** A method whose stored form is not computed here (ed25519, an unknown plugin): the plaintext must go. */
        PLAINTEXT
    }

    static void changeOwnPassword(Connection asUser, DbSecret login, String newPassword) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(asUser);
        String host = s.hostOfCurrentAccount(login.username());
        String sql;
        if (s.mariaDb()) {
            // MariaDB's ALTER USER needs the CREATE USER privilege even for one's own account; SET PASSWORD does not.
            sql = mariaDbForm(asUser, "CURRENT_USER()", login.username(), host) != MariaDbForm.PLAINTEXT
                    ? "SET PASSWORD = '" + MySqlSql.nativePasswordHash(newPassword) + "'"
                    : "SET PASSWORD = PASSWORD(" + s.literal(newPassword, "the new password") + ")";
        } else {
            // REPLACE (MySQL 8.0.13+) proves the current password: required by PASSWORD REQUIRE CURRENT and by
            // password_require_current=ON, accepted otherwise. MySQL's logs show it as <secret>, like the new one.
            sql = "ALTER USER CURRENT_USER() IDENTIFIED BY " + s.literal(newPassword, "the new password")
                    + (s.atLeast(8, 0, 13) ? " REPLACE " + s.literal(login.password(), "the current password") : "");
        }
        execute(asUser, sql);
    }

    static void changePassword(Connection asAdmin, String username, String newPassword) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(asAdmin);
        MySqlAccounts.Account account = MySqlAccounts.find(asAdmin, s, username);
        refuseUnloadedNativePlugin(asAdmin, s, account);
        String name = account.sql();
        String hash = MySqlSql.nativePasswordHash(newPassword);
        if (!s.mariaDb()) {
            execute(asAdmin, NATIVE_PLUGIN.equalsIgnoreCase(account.plugin())
                    ? "ALTER USER " + name + " IDENTIFIED WITH " + NATIVE_PLUGIN + " AS '" + hash + "'"
                    : "ALTER USER " + name + " IDENTIFIED BY " + s.literal(newPassword, "the new password"));
            return;
        }
        MariaDbForm form = mariaDbForm(asAdmin, name, account.user(), account.host());
        if (form == MariaDbForm.NATIVE_ONLY) {
            execute(asAdmin, "ALTER USER " + name + " IDENTIFIED WITH " + NATIVE_PLUGIN + " AS '" + hash + "'");
            return;
        }
        // SET PASSWORD FOR keeps every authentication method of the account (ALTER USER ... IDENTIFIED BY would
        // replace them); given a native hash it sets the native method's and leaves the others.
        String sql = "SET PASSWORD FOR " + name + " = " + (form == MariaDbForm.NATIVE_AMONG_PASSWORDLESS
                ? "'" + hash + "'"
                : "PASSWORD(" + s.literal(newPassword, "the new password") + ")");
        try {
            execute(asAdmin, sql);
        } catch (SQLException e) {
            throw new SQLException("cannot set the password of " + account + ", whose account uses another plugin than "
                    + NATIVE_PLUGIN + " alone (MariaDB's SET PASSWORD FOR needs UPDATE on the mysql schema): "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /**
     * Why a password change of {@code username} would send the new password in plaintext, which MariaDB writes as
     * sent to its general log, slow log and binary log; empty when it would not (MySQL rewrites its statements).
     */
    static Optional<String> plaintextWarning(Connection session, String username) throws SQLException {
        MySqlServerSession s = MySqlServerSession.of(session);
        if (!s.mariaDb()) {
            return Optional.empty();
        }
        String expression;
        String host;
        if (s.isUser(username)) {
            host = s.hostOfCurrentAccount(username);
            expression = "CURRENT_USER()";
        } else {
            MySqlAccounts.Account a = MySqlAccounts.find(session, s, username);
            host = a.host();
            expression = a.sql();
        }
        if (mariaDbForm(session, expression, username, host) != MariaDbForm.PLAINTEXT) {
            return Optional.empty();
        }
        return Optional.of("account " + MySqlSql.account(username, host) + " authenticates by a method whose stored"
                + " form is not computed here (not " + NATIVE_PLUGIN + " alone or beside " + String.join("/",
                PASSWORDLESS_METHODS.stream().sorted().toList()) + "), so each rotation sends its new password as"
                + " PASSWORD('...'), which MariaDB writes as sent to its general, slow and binary logs when they are on;"
                + " see docs/mysql.md");
    }

    /** The refusal for a MySQL account on {@code mysql_native_password} where the server has not loaded that plugin. */
    static void refuseUnloadedNativePlugin(Connection c, MySqlServerSession s, MySqlAccounts.Account account)
            throws SQLException {
        if (!s.mariaDb() && NATIVE_PLUGIN.equalsIgnoreCase(account.plugin()) && !nativePluginActive(c)) {
            // The account cannot log in at all, and moving it to another plugin is a decision about the application's
            // driver that a password rotation does not take on its own (see docs/mysql.md).
            throw new EngineRefusal(EngineRefusal.Reason.PLUGIN_NOT_LOADED, "account " + account + " uses "
                    + NATIVE_PLUGIN + ", which this server (MySQL " + s.version() + ") has not loaded (MySQL 8.4 turns it"
                    + " off by default, MySQL 9 removed it), so the account cannot log in; the rotation changed nothing."
                    + " Move the account to caching_sha2_password once (ALTER USER " + account + " IDENTIFIED WITH"
                    + " caching_sha2_password BY '...', after checking that the application's driver supports it), or on"
                    + " MySQL 8.4 start the server with mysql_native_password=ON");
        }
    }

    private static boolean nativePluginActive(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = ?")) {
            ps.setString(1, NATIVE_PLUGIN);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "ACTIVE".equalsIgnoreCase(rs.getString(1));
            }
        }
    }

    /**
     * MariaDB: how the account authenticates, read from {@code SHOW CREATE USER}. Output that cannot be read, or that
     * does not start with the account name as MariaDB writes it, counts as {@link MariaDbForm#PLAINTEXT}: the
     * statement that works for every plugin.
     */
    static MariaDbForm mariaDbForm(Connection c, String accountExpression, String user, String host) {
        String text;
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            try (ResultSet rs = st.executeQuery("SHOW CREATE USER " + accountExpression)) {
                if (!rs.next()) {
                    return MariaDbForm.PLAINTEXT;
                }
                text = rs.getString(1);
            }
        } catch (SQLException e) {
            return MariaDbForm.PLAINTEXT;
        }
        return mariaDbForm(text, user, host);
    }

    /** The parsing half of {@link #mariaDbForm(Connection, String, String, String)}, testable on its own. */
    static MariaDbForm mariaDbForm(String showCreateUser, String user, String host) {
        String prefix = "CREATE USER " + MySqlSql.account(user, host);
        if (showCreateUser == null || !showCreateUser.startsWith(prefix)) {
            return MariaDbForm.PLAINTEXT;
        }
        String rest = showCreateUser.substring(prefix.length());
        if (!rest.startsWith(" IDENTIFIED ")) {
            // No authentication clause: an account without a password, on the default (native) plugin.
            return rest.contains("IDENTIFIED") ? MariaDbForm.PLAINTEXT : MariaDbForm.NATIVE_ONLY;
        }
        if (rest.startsWith(" IDENTIFIED BY PASSWORD '*")) {
            return MariaDbForm.NATIVE_ONLY;
        }
        if (!rest.startsWith(" IDENTIFIED VIA ")) {
            return MariaDbForm.PLAINTEXT;
        }
        List<String> methods = new ArrayList<>();
        String list = rest.substring(" IDENTIFIED VIA ".length());
        for (int from = 0; from >= 0; ) {
            // each method: its plugin's name first, then USING '...' (quoted, so " OR " inside is skipped)
            String plugin = list.substring(from).strip().split("\\s", 2)[0];
            methods.add(plugin.replace("`", "").replace("'", "").toLowerCase(Locale.ROOT));
            int or = MySqlGrantLines.topLevel(list, " OR ", from);
            from = or < 0 ? -1 : or + 4;
        }
        if (methods.isEmpty() || !methods.contains(NATIVE_PLUGIN)) {
            return MariaDbForm.PLAINTEXT;
        }
        if (methods.stream().allMatch(NATIVE_PLUGIN::equals)) {
            return methods.size() == 1 ? MariaDbForm.NATIVE_ONLY : MariaDbForm.NATIVE_AMONG_PASSWORDLESS;
        }
        return methods.stream().allMatch(m -> m.equals(NATIVE_PLUGIN) || PASSWORDLESS_METHODS.contains(m))
                ? MariaDbForm.NATIVE_AMONG_PASSWORDLESS
                : MariaDbForm.PLAINTEXT;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            // No JDBC escape processing: the driver must not rewrite anything inside the literals.
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }
}
