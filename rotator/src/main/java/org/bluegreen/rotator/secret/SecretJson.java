package org.bluegreen.rotator.secret;

import org.bluegreen.rotator.log.Untrusted;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A secret's JSON object, read strictly: each top-level field keeps the exact text of its value, so a rewritten
 * secret carries fields we do not know byte for byte (nulls, number spellings and nested objects included), and a
 * key given twice is refused by name rather than silently resolved. Typed reads check the JSON type of the value.
 * Messages name the secret and the field, never a value (a value may be a password).
 */
final class SecretJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** For nested values (inside fields we do not know): a duplicate there is as ambiguous to whoever reads it. */
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Field name to the exact JSON text of its value, in the order of the secret. */
    private final Map<String, String> raw;
    private final String what;

    private SecretJson(Map<String, String> raw, String what) {
        this.raw = raw;
        this.what = what;
    }

    /** @param what names the secret in error messages, e.g. {@code "AWSCURRENT of secret 'app-blue'"} */
    static SecretJson parse(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidSecretException(what + ": the secret value is empty (expected a JSON object)");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        String field = null;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidSecretException(what + ": the secret value is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                if (raw.containsKey(field)) {
                    throw new InvalidSecretException(what + ": field " + Untrusted.quote(field) + " appears more than once");
                }
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    p.getText(); // finishes a lazily read string, so the location below is past its closing quote
                }
                int end = (int) p.currentLocation().getCharOffset();
                raw.put(field, json.substring(start, end));
                if (value.isStructStart()) {
                    rejectNestedDuplicates(raw.get(field), field, what);
                }
                field = null;
            }
            if (p.nextToken() != null) {
                throw new InvalidSecretException(what + ": the secret value has text after its JSON object");
            }
        } catch (JsonParseException e) {
            // The parser's message may quote the text it choked on, which can be the password: name the field only.
            throw new InvalidSecretException(what + ": the secret value is not valid JSON"
                    + (field == null ? "" : " (in or after field " + Untrusted.quote(field) + ")"));
        } catch (IOException e) {
            throw new InvalidSecretException(what + ": the secret value is not valid JSON");
        }
        return new SecretJson(raw, what);
    }

    private static void rejectNestedDuplicates(String value, String field, String what) throws IOException {
        try (JsonParser p = STRICT.createParser(value)) {
            while (p.nextToken() != null) {
                // reading every token is the check
            }
        } catch (JsonParseException e) {
            throw new InvalidSecretException(what + ": field " + Untrusted.quote(field) + " holds an object with a key that appears more than once");
        }
    }

    /** True when the field is there with a value other than JSON null. */
    boolean has(String name) {
        JsonParser p = valueOf(name);
        if (p == null) {
            return false;
        }
        try (p) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("re-reading a parsed field failed", e);
        }
    }

    /** A JSON string, or null when the field is absent, JSON null or blank. */
    String text(String name) {
        JsonParser p = valueOf(name);
        if (p == null) {
            return null;
        }
        try (p) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidSecretException(what + ": field " + Untrusted.quote(name) + " must be a string");
            }
            String s = p.getText();
            return s.isBlank() ? null : s;
        } catch (IOException e) {
            throw new IllegalStateException("re-reading a parsed field failed", e);
        }
    }

    String requiredText(String name) {
        String s = text(name);
        if (s == null) {
            throw new InvalidSecretException(what + ": field " + Untrusted.quote(name) + " is missing or empty");
        }
        return s;
    }

    /**
     * A TCP port: a JSON integer or a string of digits, 1 to 65535; 0 when absent or null (the engine's default).
     * Nothing else: {@code 5432.9}, {@code 4294972728} or {@code " 5432"} would otherwise be read as another port.
     */
    int port(String name) {
        JsonParser p = valueOf(name);
        if (p == null) {
            return 0;
        }
        try (p) {
            String digits = switch (p.currentToken()) {
                case VALUE_NUMBER_INT -> p.getText();
                case VALUE_STRING -> p.getText();
                default -> "";
            };
            if (digits.matches("[0-9]{1,5}")) {
                int port = new BigInteger(digits).intValueExact();
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            }
        } catch (IOException | ArithmeticException e) {
            // reported below
        }
        throw new InvalidSecretException(what + ": field " + Untrusted.quote(name)
                + " must be a whole number from 1 to 65535 (a JSON integer or a string of digits)");
    }

    /** A boolean, or the strings {@code "true"}/{@code "false"} AWS's rotators accept; null when absent or null. */
    Boolean flag(String name) {
        JsonParser p = valueOf(name);
        if (p == null) {
            return null;
        }
        try (p) {
            switch (p.currentToken()) {
                case VALUE_TRUE: return true;
                case VALUE_FALSE: return false;
                case VALUE_STRING:
                    String s = p.getText().trim().toLowerCase(Locale.ROOT);
                    if (s.equals("true") || s.equals("false")) {
                        return s.equals("true");
                    }
                    break;
                default:
                    break;
            }
        } catch (IOException e) {
            throw new IllegalStateException("re-reading a parsed field failed", e);
        }
        throw new InvalidSecretException(what + ": field " + Untrusted.quote(name) + " must be true or false");
    }

    /** The same object with one field's value replaced by a JSON string (appended when the field is new). */
    SecretJson withText(String name, String value) {
        return withRaw(name, quote(value));
    }

    /** The same object with one field set to a JSON literal ({@code 5432}, {@code true}), or removed when null. */
    SecretJson withRaw(String name, String json) {
        Map<String, String> copy = new LinkedHashMap<>(raw);
        if (json == null) {
            copy.remove(name);
        } else {
            copy.put(name, json);
        }
        return new SecretJson(copy, what);
    }

    SecretJson describedAs(String newWhat) {
        return new SecretJson(raw, newWhat);
    }

    /** The object as JSON, every field's value as it was read (or set). */
    String toJson() {
        StringBuilder out = new StringBuilder("{");
        raw.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(k)).append(':').append(v);
        });
        return out.append('}').toString();
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    /** A parser positioned on the field's value, or null when the field is absent or JSON null. */
    private JsonParser valueOf(String name) {
        String text = raw.get(name);
        if (text == null) {
            return null;
        }
        try {
            JsonParser p = FACTORY.createParser(text);
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                p.close();
                return null;
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("re-reading a parsed field failed", e);
        }
    }
}
