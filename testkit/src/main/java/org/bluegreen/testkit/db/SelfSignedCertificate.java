package org.bluegreen.testkit.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away server certificate for a test database, made with the JDK's own {@code keytool} (so no
 * openssl and no extra library is needed) and written as the PEM files a PostgreSQL server reads.
 *
 * <p>The certificate is self-signed, valid for two days, for {@code CN=127.0.0.1} with the subject
 * alternative names {@code IP:127.0.0.1} and {@code DNS:localhost}; the certificate file doubles as the
 * root certificate a client needs for {@code sslmode=verify-full}.
 */
final class SelfSignedCertificate {

    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    final Path certificatePem;
    final Path privateKeyPem;

    private SelfSignedCertificate(Path certificatePem, Path privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /** Writes {@code server.crt} and {@code server.key} (mode 0600) into {@code dir}. */
    static SelfSignedCertificate generate(Path dir) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("no keytool at " + keytool);
        }
        Path keystore = dir.resolve("server.p12");
        // The store password is random and goes to keytool through its environment, not its argument list.
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String storePassword = HexFormat.of().formatHex(raw);

        ProcessBuilder pb = new ProcessBuilder(
                keytool.toString(), "-genkeypair",
                "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2",
                "-storetype", "PKCS12",
                "-keystore", keystore.toString(),
                "-storepass:env", "BLUEGREEN_KS_PASS",
                "-keypass:env", "BLUEGREEN_KS_PASS",
                "-noprompt");
        pb.environment().put("BLUEGREEN_KS_PASS", storePassword);
        pb.redirectErrorStream(true);
        Path keytoolOutput = dir.resolve("keytool.out");
        pb.redirectOutput(keytoolOutput.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): "
                    + Files.readString(keytoolOutput, StandardCharsets.UTF_8).strip());
        }

        Key key;
        Certificate cert;
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, storePassword.toCharArray());
            key = ks.getKey("server", storePassword.toCharArray());
            cert = ks.getCertificate("server");
            if (key == null || cert == null) {
                throw new IOException("keytool made a keystore without the expected entry");
            }
            Path certPath = dir.resolve("server.crt");
            Files.writeString(certPath, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
            // PostgreSQL refuses a key file that group or others can read; create it 0600 from the start.
            Path keyPath = dir.resolve("server.key");
            Files.createFile(keyPath, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // Key.getEncoded() of a PKCS12 private key is PKCS#8, which OpenSSL reads as "PRIVATE KEY".
            Files.writeString(keyPath, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            return new SelfSignedCertificate(certPath, keyPath);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the keystore keytool made", e);
        } finally {
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(keytoolOutput);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
