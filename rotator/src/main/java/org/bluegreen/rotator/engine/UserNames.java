package org.bluegreen.rotator.engine;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * User names the engines would change into another name (truncate, trim) or refuse. Checked before any write, so a
 * name that would hit another user is never sent.
 */
final class UserNames {

    private UserNames() {
    }

    /**
     * @param maxBytes the longest name in UTF-8 bytes the engine keeps as given, or 0 for none
     * @param maxChars the longest name in characters, or 0 for none
     */
    static Optional<String> problem(String name, int maxBytes, int maxChars) {
        if (name.isEmpty()) {
            return Optional.of("the user name is empty");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("the user name begins or ends with white space");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("the user name contains a control character");
        }
        if (maxBytes > 0 && name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return Optional.of("the user name is longer than " + maxBytes + " bytes, which the engine would truncate");
        }
        if (maxChars > 0 && name.codePointCount(0, name.length()) > maxChars) {
            return Optional.of("the user name is longer than " + maxChars + " characters, which the engine refuses");
        }
        return Optional.empty();
    }
}
