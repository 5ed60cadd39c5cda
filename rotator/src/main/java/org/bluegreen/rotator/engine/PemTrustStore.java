package org.bluegreen.rotator.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Connector/J verifies server certificates against a Java key store ({@code trustCertificateKeyStoreUrl}), not a
 * PEM file. This turns a PEM CA bundle (such as RDS's {@code global-bundle.pem}) into a PKCS#12 trust store in
 * the temporary directory (Lambda's {@code /tmp}), once per bundle and container.
 */
final class PemTrustStore {

    /** A trust store file and the random password it was written with. */
    record Store(Path file, String password, int certificates) {
        String url() {
            return file.toUri().toString();
        }
    }

    private record Key(Path bundle, FileTime modified) {
    }

    private static final Map<Key, Store> CACHE = new HashMap<>();

    private PemTrustStore() {
    }

    static synchronized Store forBundle(Path bundle) throws IOException {
        Path absolute = bundle.toAbsolutePath().normalize();
        Key key = new Key(absolute, Files.getLastModifiedTime(absolute));
        Store cached = CACHE.get(key);
        if (cached != null && Files.isReadable(cached.file())) {
            return cached;
        }
        Store store = write(absolute);
        CACHE.put(key, store);
        return store;
    }

    private static Store write(Path bundle) throws IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(bundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("CA bundle " + bundle + " is not a PEM file of X.509 certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("CA bundle " + bundle + " contains no certificate");
        }
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String password = HexFormat.of().formatHex(raw);
        Path file;
        try {
            file = Files.createTempFile("bluegreen-ca-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile("bluegreen-ca-", ".p12");
        }
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write a trust store for CA bundle " + bundle + ": " + e.getMessage(), e);
        }
        return new Store(file, password, certificates.size());
    }
}
