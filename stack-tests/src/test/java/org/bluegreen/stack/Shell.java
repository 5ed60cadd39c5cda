package org.bluegreen.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command with an exact environment and captures its output. Bounded in time. */
final class Shell {

    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private Shell() {
    }

    static Result run(List<String> command, Map<String, String> env, Path dir, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Path out = Files.createTempFile("bg-out", ".txt");
            Path err = Files.createTempFile("bg-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Where a Python tool may be: on the PATH, then pyenv's shim (a build's PATH often lacks pyenv). Each still
     * has to be tried: a shim exists even when the selected Python lacks the tool.
     */
    static List<Path> pythonToolCandidates(String program) {
        List<Path> candidates = new java.util.ArrayList<>();
        Path onPath = which(program);
        if (onPath != null) {
            candidates.add(onPath);
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", program);
        if (!shim.equals(onPath)) {
            candidates.add(shim);
        }
        return candidates;
    }

    /** The absolute path of a program on this machine's PATH, or null. */
    static Path which(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
