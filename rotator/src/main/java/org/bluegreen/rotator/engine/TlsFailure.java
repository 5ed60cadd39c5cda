package org.bluegreen.rotator.engine;

import javax.net.ssl.SSLException;
import java.util.Locale;

/**
 * Whether a failed connection failed in TLS: the drivers give no code for it, so their messages and the causes'
 * types are read here, once, for every engine and every caller.
 */
final class TlsFailure {

    private TlsFailure() {
    }

    static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof SSLException || m.contains("ssl") || m.contains("tls") || m.contains("certificate")
                    || m.contains("handshake")) {
                return true;
            }
        }
        return false;
    }
}
