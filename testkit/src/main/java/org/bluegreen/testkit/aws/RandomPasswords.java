package org.bluegreen.testkit.aws;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;

/** GetRandomPassword's rules, kept apart from the Secrets Manager state machine. */
final class RandomPasswords {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    /** The punctuation Secrets Manager uses by default. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    static final int DEFAULT_LENGTH = 32;
    static final int MAX_LENGTH = 4096;

    private RandomPasswords() {}

    /** @throws IllegalArgumentException with the reason when the request cannot be satisfied */
    static String generate(GetRandomPasswordRequest r, SecureRandom random) {
        long length = r.passwordLength() == null ? DEFAULT_LENGTH : r.passwordLength();
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("PasswordLength must be between 1 and " + MAX_LENGTH + ", got " + length + ".");
        }
        String excluded = r.excludeCharacters() == null ? "" : r.excludeCharacters();
        if (excluded.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ExcludeCharacters can be at most " + MAX_LENGTH + " characters long.");
        }
        // Each included type that still has characters after ExcludeCharacters.
        List<String> types = new ArrayList<>();
        addType(types, LOWER, r.excludeLowercase(), excluded);
        addType(types, UPPER, r.excludeUppercase(), excluded);
        addType(types, DIGITS, r.excludeNumbers(), excluded);
        addType(types, PUNCTUATION, r.excludePunctuation(), excluded);
        StringBuilder pool = new StringBuilder(String.join("", types));
        if (Boolean.TRUE.equals(r.includeSpace()) && excluded.indexOf(' ') < 0) {
            pool.append(' '); // space may appear but is not a required type
        }
        if (pool.length() == 0) {
            throw new IllegalArgumentException("The password can't be generated because every character is excluded.");
        }
        boolean requireEach = r.requireEachIncludedType() == null || r.requireEachIncludedType();
        if (requireEach && length < types.size()) {
            throw new IllegalArgumentException("PasswordLength " + length + " is too short to include each of the "
                    + types.size() + " included character types.");
        }
        List<Character> chars = new ArrayList<>((int) length);
        if (requireEach) {
            types.forEach(t -> chars.add(t.charAt(random.nextInt(t.length()))));
        }
        while (chars.size() < length) {
            chars.add(pool.charAt(random.nextInt(pool.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder out = new StringBuilder((int) length);
        chars.forEach(out::append);
        return out.toString();
    }

    private static void addType(List<String> types, String chars, Boolean exclude, String excluded) {
        if (Boolean.TRUE.equals(exclude)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        chars.chars().filter(c -> excluded.indexOf(c) < 0).forEach(c -> kept.append((char) c));
        if (kept.length() > 0) {
            types.add(kept.toString());
        }
    }
}
