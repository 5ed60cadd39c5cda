package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.recover.Recovery;
import org.bluegreen.cli.recover.RecoveryPlan;
import org.bluegreen.cli.recover.RecoveryPlanner;
import org.bluegreen.cli.recover.RecoveryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Shows how to get out of a failed rotation; changes something only with {@code --yes}. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Find what a failed rotation left behind and return the pair to a clean state.",
                "Without --yes it only shows what it found and what it would do: nothing changes."})
public final class RecoverCommand implements Callable<Integer> {

    @ParentCommand
    private BluegreenCli root;

    @Mixin
    private PairOptions options;

    @Option(names = "--yes", description = "Apply the plan (move or remove staging labels, finish the rotation).")
    private boolean yes;

    @Override
    public Integer call() {
        CliContext context = root.context();
        PairReader aws = options.reader(root);
        RecoveryPlanner planner = new RecoveryPlanner(aws, options.databaseAccess(context), context.clock());
        RecoveryPlan plan = planner.inspect(options.blue(), options.green());

        List<Recovery.Applied> applied = List.of();
        RecoveryPlan after = null;
        if (yes && !plan.blocked() && !plan.actions().isEmpty()) {
            applied = Recovery.apply(plan, aws);
            after = planner.inspect(options.blue(), options.green()); // what is left, if anything
        }
        context.out().print(options.json()
                ? RecoveryView.json(plan, applied, after, yes) + "\n"
                : RecoveryView.text(plan, applied, after, yes));

        if (plan.blocked()) {
            return BluegreenCli.FAILED;
        }
        return after == null || after.clean() ? BluegreenCli.OK : BluegreenCli.FAILED;
    }
}
