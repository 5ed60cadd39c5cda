package org.bluegreen.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (surefire sets {@code bluegreen.repo}; a run from the IDE falls back to the parent dir). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("bluegreen.repo");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("not the repository root (no template.yaml): " + root);
        }
        return root;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
