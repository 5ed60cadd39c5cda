package org.bluegreen.rotator.rotation;

import java.util.Arrays;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** The four steps of Secrets Manager's rotation contract. Both spellings arrive in practice. */
public enum Step {
    CREATE_SECRET("createSecret", "create_secret"),
    SET_SECRET("setSecret", "set_secret"),
    TEST_SECRET("testSecret", "test_secret"),
    FINISH_SECRET("finishSecret", "finish_secret");

    private final String camel;
    private final String snake;

    Step(String camel, String snake) {
        this.camel = camel;
        this.snake = snake;
    }

    public static Step parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.camel.equals(text) || s.snake.equals(text))
                .findFirst()
                .orElseThrow(() -> new RotationException("unknown rotation step " + quote(text)
                        + " (expected createSecret, setSecret, testSecret or finishSecret)"));
    }

    @Override
    public String toString() {
        return camel;
    }
}
