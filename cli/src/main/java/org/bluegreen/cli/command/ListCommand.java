package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliException;
import org.bluegreen.cli.fleet.Inventory;
import org.bluegreen.cli.fleet.ListView;
import org.bluegreen.cli.fleet.Parallel;
import org.bluegreen.cli.pair.PairReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Every pair in the account and region, found from the secrets' tags. Reads metadata and pointers only. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List every blue/green pair in the account and region, found from the secrets' bluegreen:* tags:",
                "the pointer and live slot, each slot's rotation, unfinished rotations, and secrets that make no pair.",
                "Reads metadata, pointers and the rotation functions' settings only (ListSecrets, GetParameter,",
                "GetFunctionConfiguration); exit status 1 if a secret makes no pair."})
public final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private BluegreenCli root;

    @Mixin
    private SettingsOptions options;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "pointers read at once (default: ${DEFAULT-VALUE})")
    private int parallel;

    @Override
    public Integer call() {
        PairReader reader = options.reader(root);
        Inventory inventory = Inventory.of(reader.taggedSecrets(), reader);
        List<ListView.Row> rows = Parallel.map(inventory.pairs(), parallel, found -> {
            try {
                return new ListView.Row(found, reader.pointer(found.pair().pointerParameter()), null);
            } catch (CliException e) {
                return new ListView.Row(found, null, e.getMessage());
            }
        });
        root.context().out().print(options.json() ? ListView.json(rows, inventory.problems()) + "\n"
                : ListView.text(rows, inventory.problems()));
        return inventory.problems().isEmpty() ? BluegreenCli.OK : BluegreenCli.FAILED;
    }
}
