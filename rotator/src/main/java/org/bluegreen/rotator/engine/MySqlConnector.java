package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.DbSecret;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Connections through MySQL Connector/J (the classic protocol serves MySQL, Aurora MySQL and MariaDB), TLS included. */
final class MySqlConnector {

    /** ER_PLUGIN_IS_NOT_LOADED: e.g. a login to a mysql_native_password account on MySQL 9. */
    static final int ER_PLUGIN_IS_NOT_LOADED = 1524;
    static final int DEFAULT_PORT = 3306;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private MySqlConnector() {
    }

    static Connection connect(DbSecret login, ConnectOptions options, DatabaseEngine engine) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", login.username());
        props.setProperty("password", login.password());
        // The password's bytes at login are the ones nativePasswordHash hashes.
        props.setProperty("passwordCharacterEncoding", "UTF-8");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("connectTimeout", String.valueOf(options.connectTimeout().toMillis()));
        props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_MILLIS));
        props.setProperty("connectionAttributes", "program_name:bluegreen-rotator");
        props.setProperty("allowLoadLocalInfile", "false");
        props.setProperty("allowMultiQueries", "false");
        props.setProperty("autoReconnect", "false");
        String tls = tlsProperties(login, options, props);
        try {
            return DriverManager.getConnection(url(login), props);
        } catch (SQLException e) {
            if (e.getErrorCode() == ER_PLUGIN_IS_NOT_LOADED) {
                // The account's authentication plugin is missing on the server: typically mysql_native_password.
                throw new EngineRefusal(EngineRefusal.Reason.PLUGIN_NOT_LOADED, "the server cannot log in user "
                        + quote(login.username()) + " at all: " + firstLine(e.getMessage()) + ". An account on "
                        + MySqlPasswordChange.NATIVE_PLUGIN + " cannot log in to MySQL 9, nor to MySQL 8.4 unless it runs"
                        + " with mysql_native_password=ON; see docs/mysql.md", e);
            }
            if (login.ssl() && engine.isTlsFailure(e)) {
                throw new SQLException("TLS connection failed (" + tls + "; set \"ssl\": false in the secret only if the"
                        + " database offers no TLS): " + firstLine(e.getMessage()) + rootCause(e), e.getSQLState(),
                        e.getErrorCode(), e);
            }
            throw e;
        }
    }

    /** Sets TLS properties; Connector/J's default (PREFERRED) falls back to plaintext silently, so always say. */
    private static String tlsProperties(DbSecret login, ConnectOptions options, Properties props) throws SQLException {
        if (!login.ssl()) {
            props.setProperty("sslMode", "DISABLED");
            // Without TLS, caching_sha2_password sends the password RSA-encrypted under the server's key, which
            // the driver must be allowed to ask for. The secret has opted out of TLS explicitly.
            props.setProperty("allowPublicKeyRetrieval", "true");
            return "sslMode=DISABLED";
        }
        if (options.caBundle() == null) {
            props.setProperty("sslMode", "REQUIRED");
            return "sslMode=REQUIRED";
        }
        PemTrustStore.Store store;
        try {
            store = PemTrustStore.forBundle(options.caBundle());
        } catch (IOException e) {
            throw new SQLException("cannot use the CA bundle " + options.caBundle() + ": " + e.getMessage(), "08000", e);
        }
        props.setProperty("sslMode", "VERIFY_IDENTITY");
        props.setProperty("trustCertificateKeyStoreUrl", store.url());
        props.setProperty("trustCertificateKeyStoreType", "PKCS12");
        props.setProperty("trustCertificateKeyStorePassword", store.password());
        props.setProperty("fallbackToSystemTrustStore", "false");
        return "sslMode=VERIFY_IDENTITY with CA bundle " + options.caBundle();
    }

    /** The driver's "Communications link failure" hides the handshake's reason in its causes. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e || root.getMessage() == null ? "" : firstLine(root.getMessage());
        return reason.isEmpty() || reason.equals(firstLine(e.getMessage())) ? "" : " (" + reason + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).strip();
    }

    private static String url(DbSecret login) {
        String host = Hosts.checked(login.host());
        int port = login.port() == 0 ? DEFAULT_PORT : login.port();
        String db = login.dbname() == null ? "" : URLEncoder.encode(login.dbname(), StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:mysql://" + host + ":" + port + "/" + db;
    }
}
