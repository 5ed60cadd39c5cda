package org.bluegreen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Usage errors for a word the CLI does not know: suggests only a command or option that is a likely typo of it
 * (at most two edits away, and fewer edits than half its length), never every command there is.
 */
final class Suggestions implements CommandLine.IParameterExceptionHandler {

    private final CommandLine.IParameterExceptionHandler otherwise;

    Suggestions(CommandLine.IParameterExceptionHandler otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return otherwise.handleParseException(e, args);
        }
        CommandLine command = e.getCommandLine();
        String word = unmatched.getUnmatched().get(0);
        String where = command.getCommandName();
        boolean option = word.startsWith("-");
        List<String> candidates = new ArrayList<>();
        if (option) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            command.getCommandSpec().options().stream().map(OptionSpec::longestName).forEach(candidates::add);
            word = name;
        } else {
            candidates.addAll(command.getSubcommands().keySet());
        }
        List<String> close = closeMatches(word, candidates);
        StringBuilder message = new StringBuilder("error: unknown " + (option ? "option" : command.getSubcommands().isEmpty()
                ? "argument" : "command") + " " + quote(word) + (command.getParent() == null ? "" : " for " + where));
        if (!close.isEmpty()) {
            message.append("; did you mean ").append(String.join(" or ", close.stream().map(c -> quote(c)).toList())).append('?');
        } else if (!option && !command.getSubcommands().isEmpty()) {
            message.append(" (commands: ").append(String.join(", ", command.getSubcommands().keySet())).append(')');
        }
        command.getErr().println(message);
        command.getErr().println("see '" + command.getCommandSpec().root().name() + " help"
                + (command.getParent() == null ? "" : " " + where) + "'");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The candidates a likely typo of {@code word}, closest first. */
    static List<String> closeMatches(String word, List<String> candidates) {
        return candidates.stream()
                .filter(c -> {
                    int d = distance(bare(word), bare(c));
                    return d <= 2 && d * 2 < Math.max(bare(word).length(), 2);
                })
                .sorted(Comparator.comparingInt(c -> distance(bare(word), bare(c))))
                .distinct()
                .toList();
    }

    private static String bare(String word) {
        return word.replaceFirst("^-+", "");
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
