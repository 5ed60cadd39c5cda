package org.bluegreen.rotator.engine;

import java.sql.SQLException;

/**
 * The engine will not act on the account it was asked about, and changed nothing: an outcome told apart from a
 * database failure by its type and {@link #reason()}, never by its message (which says what to do about it). It is an
 * {@link SQLException} only so that it travels the {@link DatabaseEngine} methods' one failure channel.
 */
public final class EngineRefusal extends SQLException {

    /** Why the engine refused. */
    public enum Reason {
        /** No account has the user name: the rotation changes passwords, it does not create accounts. */
        NO_SUCH_ACCOUNT,
        /** Several accounts ({@code 'u'@'h1'}, {@code 'u'@'h2'}) have the user name: which one the app uses is unknown. */
        AMBIGUOUS_ACCOUNT,
        /** The login matched another account than one of the user's (an anonymous or proxy account). */
        OTHER_ACCOUNT_MATCHED,
        /** The account's authentication plugin is not loaded on the server, so the account cannot log in at all. */
        PLUGIN_NOT_LOADED
    }

    private final Reason reason;

    EngineRefusal(Reason reason, String message) {
        super(message, "HY000");
        this.reason = reason;
    }

    EngineRefusal(Reason reason, String message, SQLException cause) {
        super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
